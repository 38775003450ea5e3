package model

import (
	"fmt"
	"strings"
	"testing"
)

func wide(actors, issues int) *Scenario {
	s := &Scenario{Name: "Wide"}
	for i := range issues {
		s.Issues = append(s.Issues, Issue{Key: fmt.Sprintf("i%d", i), Name: fmt.Sprintf("Issue %d", i)})
	}
	for a := range actors {
		ac := Actor{Name: fmt.Sprintf("Actor %d", a), Capability: 1, Stances: map[string]Stance{}}
		for _, is := range s.Issues {
			ac.Stances[is.Key] = Stance{Position: 50, Salience: 1}
		}
		s.Actors = append(s.Actors, ac)
	}
	return s
}

// The largest scenario Parley holds validates; one issue more is refused by
// the issue limit, and forecasting is refused above the stance limit with
// the counts in the message.
func TestLimits(t *testing.T) {
	if errs := Validate(wide(MaxActors, MaxIssues)); errs != nil {
		t.Fatalf("%d × %d refused: %v", MaxActors, MaxIssues, errs[0])
	}
	errs := Validate(wide(3, MaxIssues+1))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), RuleMaxIssues) {
		t.Fatalf("51 issues: %v", errs)
	}
	if err := CheckForecastSize(wide(MaxActors, MaxForecastStances/MaxActors)); err != nil {
		t.Fatalf("at the stance limit: %v", err)
	}
	err := CheckForecastSize(wide(MaxActors, MaxForecastStances/MaxActors+1))
	if err == nil || !strings.Contains(err.Error(), "250 actors × 21 issues = 5,250 stances") || !strings.Contains(err.Error(), RuleForecastStance) {
		t.Fatalf("above the stance limit: %v", err)
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1500000: "1,500,000", -2000: "-2,000"} {
		if got := Thousands(n); got != want {
			t.Errorf("Thousands(%d) = %q, want %q", n, got, want)
		}
	}
	if len(Limits()) != 7 {
		t.Errorf("Limits() lists %d limits", len(Limits()))
	}
}
