package store

import (
	"reflect"
	"testing"

	"parley/model"
)

// The no-bargaining pairs are stored with the scenario, come back with its
// what-ifs, and an emptied list stays empty.
func TestNoBargainStored(t *testing.T) {
	s := newStore(t)
	in := sample()
	in.NoBargain = []model.NoBargainPair{{A: "United States", B: "Türkiye", Rationale: "talks only through Oman"}}
	if err := s.SaveScenario(in); err != nil {
		t.Fatal(err)
	}
	out, err := s.LoadScenario(in.Name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(out.NoBargain, in.NoBargain) {
		t.Fatalf("pairs reloaded %+v, want %+v", out.NoBargain, in.NoBargain)
	}
	wi := &model.Scenario{Name: "what if", Base: in.Name, Overrides: []model.Override{{Actor: "Oman", Field: "capability", Value: 30}}}
	if err := s.SaveScenario(wi); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadScenario("what if")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.NoBargain, in.NoBargain) {
		t.Errorf("the what-if's pairs %+v, want its base's %+v", got.NoBargain, in.NoBargain)
	}
	out.NoBargain = nil
	if err := s.SaveScenario(out); err != nil {
		t.Fatal(err)
	}
	if again, err := s.LoadScenario(in.Name); err != nil || again.NoBargain != nil {
		t.Errorf("pairs after clearing: %+v (%v)", again.NoBargain, err)
	}
}
