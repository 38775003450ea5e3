package forecast

import (
	"context"
	"testing"
)

// Muscat ships pairs who never bargain directly (Washington and Tehran talk
// only through Oman; Tehran and Israel do not talk): no BDM move and no SMP
// target in the default run joins such a pair, although without the pairs
// some do (Pezeshkian's government gave in to Israel on the scope).
func TestMuscatPairsNeverBargain(t *testing.T) {
	sc := muscat(t)
	if len(sc.NoBargain) < 4 {
		t.Fatalf("Muscat ships %d no-bargaining pairs", len(sc.NoBargain))
	}
	for _, p := range sc.NoBargain {
		if p.Rationale == "" {
			t.Errorf("pair %s – %s has no rationale", p.A, p.B)
		}
	}
	blocked := func(a, b int) bool { _, ok := sc.NoBargainBetween(a, b); return ok }
	count := func(r *Result) (n int) {
		for _, is := range r.Issues {
			for _, m := range is.BDM.Moves {
				if blocked(m.Mover, m.Counterpart) {
					n++
				}
			}
		}
		for _, tu := range r.SMP.Turns {
			for i, j := range tu.Targets {
				if j >= 0 && blocked(i, j) {
					n++
				}
			}
		}
		return n
	}
	res, err := Run(context.Background(), sc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := count(res); n != 0 {
		t.Errorf("%d moves or targets join a no-bargaining pair", n)
	}
	free := sc.Clone()
	free.NoBargain = nil
	fr, err := Run(context.Background(), free, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if count(fr) == 0 {
		t.Error("without the pairs no move joins them either: the test proves nothing")
	}
}
