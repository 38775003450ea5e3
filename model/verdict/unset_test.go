package verdict

import (
	"context"
	"strings"
	"testing"

	"parley/model"
	"parley/model/forecast"
)

// An actor with no stance is left out and the verdict says so, on every
// issue; the probes do not touch the unset stance, and the bottom line
// (the most trustworthy forecast) is what it was without the actor.
func TestVerdictSaysLeftOut(t *testing.T) {
	sc := muscat(t)
	base, err := forecast.Run(context.Background(), sc, forecast.Options{})
	if err != nil {
		t.Fatal(err)
	}
	was, err := Compute(context.Background(), Input{Scenario: sc, Result: base})
	if err != nil {
		t.Fatal(err)
	}
	sc = sc.Clone()
	sc.Actors = append(sc.Actors, model.Actor{Name: "Khamenei's office", Capability: 60, Stances: map[string]model.Stance{}})
	res, err := forecast.Run(context.Background(), sc, forecast.Options{})
	if err != nil {
		t.Fatal(err)
	}
	v, err := Compute(context.Background(), Input{Scenario: sc, Result: res})
	if err != nil {
		t.Fatal(err)
	}
	for i, iv := range v.Issues {
		want := "Khamenei's office has no stance on " + sc.Issues[i].Name + ": left out."
		if iv.LeftOut != want || !strings.HasSuffix(iv.Summary, want) {
			t.Errorf("%s: left out %q, summary %q; want %q", iv.Key, iv.LeftOut, iv.Summary, want)
		}
		for _, mv := range iv.Models {
			for _, f := range mv.Flags {
				if strings.Contains(f.Input, "Khamenei") {
					t.Errorf("%s: a flag probes the unset stance: %+v", iv.Key, f)
				}
			}
		}
		if b := iv.Model(model.ModelBDM); b == nil || b.Value != was.Issues[i].Model(model.ModelBDM).Value {
			t.Errorf("%s: BDM verdict moved with an actor that has no stance", iv.Key)
		}
	}
}
