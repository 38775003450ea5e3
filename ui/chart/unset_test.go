package chart

import (
	"testing"

	"parley/model"
)

// An actor with no stance on an issue is left out of that issue's map (it
// was drawn at position 0, salience 0, as if it stood at the scale's end),
// and a two-issue map leaves out an actor unset on either issue.
func TestUnsetStanceNotDrawn(t *testing.T) {
	sc := &model.Scenario{Name: "u", Issues: []model.Issue{{Key: "x", Name: "X"}, {Key: "y", Name: "Y"}}}
	for k, name := range []string{"A", "B", "C"} {
		sc.Actors = append(sc.Actors, model.Actor{Name: name, Capability: 10, Stances: map[string]model.Stance{
			"x": {Position: float64(20 * (k + 1)), Salience: 50}, "y": {Position: 30, Salience: 40}}})
	}
	delete(sc.Actors[1].Stances, "y")
	if in := StanceFromScenario(sc, 1, nil); len(in.Bubbles) != 2 || in.Bubbles[0].Actor != 0 || in.Bubbles[1].Actor != 2 {
		t.Fatalf("issue Y draws %+v, want A and C only", in.Bubbles)
	}
	if in := StanceFromScenario(sc, 0, nil); len(in.Bubbles) != 3 {
		t.Fatalf("issue X draws %d bubbles, want 3", len(in.Bubbles))
	}
	p, layer, err := stanceMap2D(sc, nil, 0, 1, nil, nil, Light())
	if err != nil || p == nil || len(layer.bubbles) != 2 {
		t.Fatalf("two-issue map: %v, %d bubbles", err, len(layer.bubbles))
	}
}
