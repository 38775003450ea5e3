package bdm

import (
	"reflect"
	"testing"
)

// RoundsOnly (the Monte Carlo's run) gives the same rounds, forecast and
// ending as a full run, with no moves and no cycle check.
func TestRoundsOnlyKeepsTheRounds(t *testing.T) {
	in := emissions(t)
	for _, opt := range []Options{{}, {Rounds: 10, NoEarlyStop: true}, {Rounds: 3}} {
		full := run(t, in, opt)
		opt.RoundsOnly = true
		lean := run(t, in, opt)
		if len(full.Moves) == 0 {
			t.Fatalf("%+v: the full run made no moves", opt)
		}
		if lean.Moves != nil || lean.Cycle != nil {
			t.Errorf("%+v: RoundsOnly kept %d moves, cycle %v", opt, len(lean.Moves), lean.Cycle)
		}
		if !reflect.DeepEqual(full.Rounds, lean.Rounds) || full.Forecast != lean.Forecast || full.Still != lean.Still ||
			full.AtRoundCap != lean.AtRoundCap || full.Converged != lean.Converged || full.ConvergedAt != lean.ConvergedAt {
			t.Errorf("%+v: RoundsOnly changed the run: forecast %v vs %v, still %v vs %v, %d vs %d rounds",
				opt, lean.Forecast, full.Forecast, lean.Still, full.Still, len(lean.Rounds), len(full.Rounds))
		}
	}
}
