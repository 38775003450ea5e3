package forecast

import (
	"math"
	"testing"

	"parley/model"
)

// A scenario that skipped validation (NaN or ±Inf inputs) still gets a
// fingerprint, distinct from a valid one's, and never a panic.
func TestFingerprintNaNInf(t *testing.T) {
	sc := &model.Scenario{Issues: []model.Issue{{Key: "x", Name: "X"}},
		Actors: []model.Actor{{Name: "A", Capability: 1, Stances: map[string]model.Stance{"x": {Position: 10, Salience: 50}}}}}
	valid := Fingerprint(sc, FromSettings(sc.Settings))
	seen := map[string]bool{valid: true}
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		bad := sc.Clone()
		bad.Actors[0].Capability = v
		fp := Fingerprint(bad, FromSettings(bad.Settings))
		if fp == "" || seen[fp] {
			t.Fatalf("capability %v: fingerprint %q repeats another", v, fp)
		}
		seen[fp] = true
		if again := Fingerprint(bad, FromSettings(bad.Settings)); again != fp {
			t.Fatalf("capability %v: fingerprint not stable (%s, %s)", v, fp, again)
		}
	}
}
