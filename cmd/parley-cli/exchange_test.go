package main

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"
)

// The built CLI on the COP21 Decide input (15 actors × 13 issues, 14 stances
// missing, Windows-1252) reproduces the variant-B reference run: every
// exchange of all 10 rounds (order, actors, supply issues, gain, moves) and
// every preference and voting outcome, to 1e-9; variant A likewise.
func TestForecastExchangeCoP21ThroughCLI(t *testing.T) {
	input := sharedFile(t, "exchange/fetched/equal-gain@36a0589/inst/CoP21.csv")
	for _, v := range []string{"B", "A"} {
		out, stderr, code := cli(t, "forecast", "--model", "exchange", "--variant", v, "--format", "json", input)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var o jsonOut
		if err := json.Unmarshal([]byte(out), &o); err != nil {
			t.Fatalf("output is not JSON: %v", err)
		}
		x := o.Exchange
		if x == nil || x.Error != "" || x.Variant != v || len(x.Rounds) != 10 {
			t.Fatalf("variant %s: exchange part %+v", v, x)
		}
		if o.BDM != nil || o.SMP != nil {
			t.Errorf("--model exchange printed other models too")
		}
		dir := "exchange/reference/variant-" + v + "/CoP21/"
		rows := readRef(t, sharedFile(t, dir+"exchanges_by_round.csv"))
		k := 0
		for _, rd := range x.Rounds {
			for _, e := range rd.Exchanges {
				if k >= len(rows) {
					t.Fatalf("variant %s: more exchanges than the reference's %d", v, len(rows))
				}
				w := rows[k]
				k++
				if strconv.Itoa(rd.Round) != w["round"] || strconv.Itoa(e.Seq) != w["seq"] ||
					e.I.Actor != w["i_actor"] || e.I.Supply != w["i_supply_issue"] || e.J.Actor != w["j_actor"] || e.J.Supply != w["j_supply_issue"] {
					t.Fatalf("variant %s round %d exchange %d: %s on %s with %s on %s; reference round %s seq %s: %s on %s with %s on %s", v, rd.Round, e.Seq,
						e.I.Actor, e.I.Supply, e.J.Actor, e.J.Supply, w["round"], w["seq"], w["i_actor"], w["i_supply_issue"], w["j_actor"], w["j_supply_issue"])
				}
				for _, c := range []struct {
					col string
					got float64
				}{{"gain", e.Gain}, {"i_start", e.I.Start}, {"i_move", e.I.Move}, {"i_voting", e.I.Voting}, {"j_start", e.J.Start}, {"j_move", e.J.Move}, {"j_voting", e.J.Voting}} {
					if want := refNum(t, w, c.col); math.Abs(c.got-want) > 1e-9 {
						t.Fatalf("variant %s round %d exchange %d %s: %.12g, reference %.12g", v, rd.Round, e.Seq, c.col, c.got, want)
					}
				}
			}
		}
		if k != len(rows) {
			t.Errorf("variant %s: %d exchanges, reference %d", v, k, len(rows))
		}
		outcomes := readRef(t, sharedFile(t, dir+"outcomes_by_round.csv"))
		for _, w := range outcomes {
			r, _ := strconv.Atoi(w["round"])
			found := false
			for _, oc := range x.Rounds[r-1].Outcomes {
				if oc.Issue == w["issue"] {
					found = true
					if math.Abs(oc.Preference-refNum(t, w, "preference_outcome_start_of_round")) > 1e-9 || math.Abs(oc.Voting-refNum(t, w, "voting_outcome_end_of_round")) > 1e-9 {
						t.Errorf("variant %s round %d %s: preference %.10g voting %.10g, reference %s %s", v, r, oc.Issue, oc.Preference, oc.Voting,
							w["preference_outcome_start_of_round"], w["voting_outcome_end_of_round"])
					}
				}
			}
			if !found {
				t.Errorf("no outcome for %s in round %d", w["issue"], r)
			}
		}
		// The forecast is round 10's voting outcome, issues in input order.
		for d, f := range x.Forecast {
			if f.Issue != o.Issues[d] || f.Forecast != x.Rounds[9].Outcomes[d].Voting || f.Preference != x.Rounds[9].Outcomes[d].Preference {
				t.Errorf("forecast %d %+v is not round 10's voting outcome of %s", d, f, o.Issues[d])
			}
		}
	}
}

func readRef(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for k, h := range recs[0] {
			m[h] = rec[k]
		}
		out = append(out, m)
	}
	return out
}

func refNum(t *testing.T, m map[string]string, k string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(m[k], 64)
	if err != nil {
		t.Fatalf("%s: %v", k, err)
	}
	return v
}
