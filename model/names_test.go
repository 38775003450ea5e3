package model

import (
	"strings"
	"testing"
)

func namesScenario(names ...string) *Scenario {
	sc := &Scenario{Name: "Names", Issues: []Issue{{Key: "scope", Name: "Scope", StatusQuo: 50}}}
	for _, n := range names {
		sc.Actors = append(sc.Actors, Actor{Name: n, Capability: 10, Stances: map[string]Stance{"scope": {Position: 50, Salience: 50}}})
	}
	return sc
}

// findRule returns the first validation error breaking rule.
func findRule(errs []error, rule string) *Error {
	for _, err := range errs {
		if e, ok := err.(*Error); ok && e.Rule == rule {
			return e
		}
	}
	return nil
}

// A name with a control character (a terminal escape, a bidi override) is
// refused with its place and rule; look-alike names (another Unicode form of
// the same letters, or only case apart) are refused as the same actor.
func TestNameRules(t *testing.T) {
	for _, c := range []struct {
		names []string
		rule  string
		where string
	}{
		{[]string{"Oman", "Iran\x1b[31m", "USA"}, RuleNoControl, "actor 2 name"},
		{[]string{"Oman", "Iran\u202e", "USA"}, RuleNoControl, "actor 2 name"},
		{[]string{"T\u00fcrkiye", "Oman", "Tu\u0308rkiye"}, RuleLookAlike, "actor 3 name"},
		{[]string{"Oman", "OMAN", "USA"}, RuleLookAlike, "actor 2 name"},
		{[]string{"Oman", "Oman", "USA"}, RuleUnique, "actor 2 name"},
	} {
		errs := Validate(namesScenario(c.names...))
		e := findRule(errs, c.rule)
		if e == nil {
			t.Errorf("%q: no %q error in %v", c.names, c.rule, errs)
			continue
		}
		if !strings.HasPrefix(e.Where, "actor") || !strings.Contains(e.Where, "name") {
			t.Errorf("%q: error at %q, want the actor's name", c.names, e.Where)
		}
	}
	if errs := Validate(namesScenario("Oman", "Iran", "Türkiye")); len(errs) != 0 {
		t.Errorf("plain names refused: %v", errs)
	}
}

// A message quotes at most a short excerpt of a huge value.
func TestMessagesQuoteAnExcerpt(t *testing.T) {
	huge := strings.Repeat("x", 1<<20)
	err := CheckName("actor 1 name", huge)
	if err == nil || len(err.Error()) > 400 || !strings.Contains(err.Error(), "1048576 characters") {
		t.Fatalf("message of %d bytes: %.300s", len(err.Error()), err)
	}
	if q := Quote("Oman"); q != `"Oman"` {
		t.Errorf("Quote of a short value: %s", q)
	}
}
