package chart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parley/model"
)

// The quad map of a BDM round holds a point per pair that may bargain, each
// move of the round at its own eij/eji, and never a no-bargaining pair.
func TestQuadMap(t *testing.T) {
	sc, res := briefMuscat(t)
	b := res.Issues[0].BDM
	for r := 1; r < len(b.Rounds); r++ {
		d, err := QuadFromBDM(sc, res, 0, r)
		if err != nil {
			t.Fatal(err)
		}
		moves := 0
		for _, q := range d.Points {
			if _, blocked := sc.NoBargainBetween(q.I, q.J); blocked {
				t.Errorf("round %d: %s→%s is a no-bargaining pair", r, d.Names[q.I], d.Names[q.J])
			}
			if q.Moved {
				moves++
				found := false
				for _, m := range b.Moves {
					if m.Round == r && m.Mover == q.I && m.Counterpart == q.J {
						found = abs(m.EUSelf-q.X) < 1e-12 && abs(m.EUOther-q.Y) < 1e-12
					}
				}
				if !found {
					t.Errorf("round %d: point %+v is not a move's (eij, eji)", r, q)
				}
			}
		}
		want := 0
		for _, m := range b.Moves {
			if m.Round == r {
				want++
			}
		}
		if moves != want {
			t.Errorf("round %d: %d moves ringed, the round has %d", r, moves, want)
		}
	}
	d, _ := QuadFromBDM(sc, res, 0, 1)
	p, err := d.Plot(Light())
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("PARLEY_SHOTS"); out != "" {
		f, _ := os.Create(filepath.Join(out, "quad.png"))
		WritePNG(f, p, 1280, 720, 96)
		f.Close()
	}
	if _, err := BuildChart(ChartSpec{Kind: model.ChartQuad, Issue: "scope", Round: 2}, sc, res, Light()); err != nil {
		t.Fatal(err)
	}
}

// The summary slide: one row per issue, the most trustworthy forecast in
// words, and the flags said (BDM's scope knife-edge among the fragile ones).
func TestSummarySlide(t *testing.T) {
	sc, res := briefMuscat(t)
	rows := SummaryRows(VerdictsFor(sc, res))
	if len(rows) != len(sc.Issues) {
		t.Fatalf("%d rows for %d issues", len(rows), len(sc.Issues))
	}
	scope := rows[0]
	if scope.Issue != "Scope of the agenda" || !strings.Contains(scope.Forecast, " = ") && !strings.Contains(scope.Forecast, "between") {
		t.Errorf("scope row %+v", scope)
	}
	if !strings.Contains(scope.Flags, "BDM 90 (knife-edge on ") {
		t.Errorf("scope flags %q do not say BDM's 90 is a knife-edge", scope.Flags)
	}
	if strings.HasPrefix(scope.Forecast, "BDM") {
		t.Errorf("the knife-edge BDM leads the scope: %q", scope.Forecast)
	}
	p, err := BuildChart(ChartSpec{Kind: model.ChartSummary}, sc, res, Light())
	if err != nil {
		t.Fatal(err)
	}
	b, err := PNGBytes(p, 1920, 1080, 96)
	if err != nil || len(b) < 10000 {
		t.Fatalf("summary PNG %d bytes, %v", len(b), err)
	}
	br, err := NewBriefing(DefaultDeck(sc, res), sc, res, BriefingOptions{Today: "2026-11-27"})
	if err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("PARLEY_SHOTS"); out != "" {
		for k := 0; k < 3; k++ {
			f, _ := os.Create(filepath.Join(out, SlideName(k, br.Pages())))
			br.WritePNG(f, k)
			f.Close()
		}
	}
}
