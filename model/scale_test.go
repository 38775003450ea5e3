package model

import (
	"math"
	"testing"
)

// The emissions case counts years 4-10: a position stored as 50 is shown as
// year 7, a move of 10 points as 0.6 years, and the two ends round-trip.
func TestIssueOwnScale(t *testing.T) {
	is := &Issue{Key: "y", Name: "Years", Scale: &IssueScale{Lo: 4, Hi: 10, Unit: "years"}}
	if got := is.Shown(50); math.Abs(got-7) > 1e-12 {
		t.Fatalf("Shown(50) = %v, want 7", got)
	}
	if got := is.ShownDistance(10); math.Abs(got-0.6) > 1e-12 {
		t.Fatalf("ShownDistance(10) = %v, want 0.6", got)
	}
	for _, v := range []float64{4, 5.5, 10} {
		if got := is.Shown(is.Stored(v)); math.Abs(got-v) > 1e-12 {
			t.Fatalf("Shown(Stored(%v)) = %v", v, got)
		}
	}
	if lo, hi := is.ShownEnds(); lo != 4 || hi != 10 {
		t.Fatalf("ShownEnds = %v, %v", lo, hi)
	}
	plain := &Issue{Key: "p", Name: "Plain"}
	if plain.Shown(37) != 37 || plain.Stored(37) != 37 || plain.ShownDistance(3) != 3 {
		t.Fatal("an issue without its own scale must show 0-100 unchanged")
	}
}

func TestIssueScaleRefused(t *testing.T) {
	for _, sc := range []*IssueScale{{Lo: 10, Hi: 4}, {Lo: 3, Hi: 3}, {Lo: math.NaN(), Hi: 1}, {Lo: 0, Hi: math.Inf(1)}} {
		if err := CheckIssueScale("issue scale", sc); err == nil {
			t.Errorf("scale %+v accepted", *sc)
		}
	}
	if err := CheckIssueScale("issue scale", &IssueScale{Lo: -5, Hi: 5}); err != nil {
		t.Errorf("a scale from -5 to 5 refused: %v", err)
	}
}
