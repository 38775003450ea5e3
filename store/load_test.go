package store

import (
	"strings"
	"testing"

	"parley/model"
)

// damage writes raw SQL into a project as another SQLite tool would
// (foreign keys off), then reopens it with the store.
func damage(t *testing.T, path string, queries ...string) *Store {
	t.Helper()
	db := rawDB(t, path, "_foreign_keys=off")
	for _, q := range queries {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("a project with one bad scenario must still open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Every damaged row is reported for its own scenario, by name and rule; the
// other scenario still loads; nothing panics.
func TestBadRowsReportedPerScenario(t *testing.T) {
	const bad = "Muscat test"
	for _, c := range []struct {
		name    string
		queries []string
		want    string
	}{
		{"InfCapability", []string{`UPDATE actor SET capability = 9e999 WHERE name = 'Oman' AND scenario_id = (SELECT id FROM scenario WHERE name = 'Muscat test')`}, "+Inf is not a finite number"},
		{"InfRange", []string{`UPDATE actor SET cap_low = -9e999, cap_high = 9e999 WHERE name = 'Oman' AND scenario_id = (SELECT id FROM scenario WHERE name = 'Muscat test')`}, "-Inf is not a finite number"},
		{"OrphanStance", []string{`UPDATE stance SET issue_id = 999999 WHERE actor_id = (SELECT id FROM actor WHERE name = 'Oman' AND scenario_id = (SELECT id FROM scenario WHERE name = 'Muscat test')) AND issue_id = (SELECT min(id) FROM issue)`}, "issue row 999999"},
		{"StanceOnOtherScenariosIssue", []string{`UPDATE stance SET issue_id = (SELECT max(id) FROM issue) WHERE actor_id = (SELECT id FROM actor WHERE name = 'Oman' AND scenario_id = (SELECT id FROM scenario WHERE name = 'Muscat test')) AND issue_id = (SELECT min(id) FROM issue)`}, "not an issue of this scenario"},
		{"IssueRowMissing", []string{`DELETE FROM issue WHERE key = 'format' AND scenario_id = (SELECT id FROM scenario WHERE name = 'Muscat test')`}, "not an issue of this scenario"},
		{"BadSettingsJSON", []string{`UPDATE scenario SET settings = '{"bdm_rounds": 7,' WHERE name = 'Muscat test'`}, "settings are not valid JSON"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := damage(t, goodProject(t, "p.db"), c.queries...)
			list, err := s.ListScenarios()
			if err != nil || len(list) != 2 {
				t.Fatalf("list: %v, %v", list, err)
			}
			_, err = s.LoadScenario(bad)
			if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), `scenario "Muscat test"`) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v [%s]; want an invalid error for scenario %q with %q", err, model.ErrorCode(err), bad, c.want)
			}
			t.Log(err)
			if sc, err := s.LoadScenario("Second scenario"); err != nil || len(sc.Actors) != 3 {
				t.Fatalf("the other scenario: %v", err)
			}
			if err := s.UpdateScenario(bad, func(*model.Scenario) error { return nil }); err == nil {
				t.Fatal("an update of the damaged scenario was written")
			}
		})
	}
}
