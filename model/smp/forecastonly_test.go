package smp

import (
	"context"
	"reflect"
	"testing"
)

// ForecastOnly (the Monte Carlo's run) gives the same forecast, turn-0 risk
// attitudes and last turn as a full run, keeping that turn alone: on KTAB's
// cases, short and long (its store is reused every two turns).
func TestForecastOnlyKeepsTheLastTurn(t *testing.T) {
	for _, file := range []string{"inputs/ktab_dummyData_3Dim.csv", "inputs/ktab_SOE-Pol-Comp.csv", "inputs/ktab_dummyData-a080.csv"} {
		in := readKTAB(t, file)
		for _, opt := range []Options{{}, {MaxTurns: 1}, {MaxTurns: 2}, {MaxTurns: 3}, {PCE: MarkovIncentive, VotingRule: Binary}} {
			full, err := Run(context.Background(), in, opt)
			if err != nil {
				t.Fatal(err)
			}
			opt.ForecastOnly = true
			lean, err := Run(context.Background(), in, opt)
			if err != nil {
				t.Fatal(err)
			}
			last := full.Turns[len(full.Turns)-1]
			if len(lean.Turns) != 1 || len(full.Turns) < 2 {
				t.Fatalf("%s %+v: %d turns kept of %d", file, opt, len(lean.Turns), len(full.Turns))
			}
			got := lean.Turns[0]
			if got.Turn != last.Turn || !reflect.DeepEqual(got.Positions, last.Positions) || !reflect.DeepEqual(got.Probabilities, last.Probabilities) ||
				!reflect.DeepEqual(got.RiskAttitudes, last.RiskAttitudes) || got.Targets != nil || got.Challenges != nil {
				t.Errorf("%s %+v: the last turn differs (turn %d vs %d)", file, opt, got.Turn, last.Turn)
			}
			if !reflect.DeepEqual(lean.Forecast, full.Forecast) || !reflect.DeepEqual(lean.RiskAttitudes, full.RiskAttitudes) {
				t.Errorf("%s %+v: forecast or risk attitudes differ", file, opt)
			}
		}
	}
}
