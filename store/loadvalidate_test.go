package store

import (
	"testing"

	"parley/model"
)

// A project file changed outside Parley (a chart label longer than charts allow) is
// refused on load with the rule, never handed to a model.
func TestLoadValidates(t *testing.T) {
	s := newStore(t)
	sc := sample()
	if err := s.SaveScenario(sc); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec("UPDATE actor SET label = 'far too long a label' WHERE rowid = (SELECT min(rowid) FROM actor)"); err != nil {
		t.Fatal(err)
	}
	_, err := s.LoadScenario(sc.Name)
	if model.ErrorCode(err) != model.EINVALID || !containsStr(model.ErrorMessage(err), "8 characters") {
		t.Fatalf("loading a damaged scenario: %v", err)
	}
}

func containsStr(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
