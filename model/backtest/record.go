package backtest

import (
	"fmt"

	"parley/model"
)

// Bins is the joint distribution of one model's forecasts and the outcomes:
// Counts[f][o] issues had a forecast in decile f (0-10, 10-20, ..., 90-100)
// and an outcome in decile o. It is what the product ships instead of the
// cases themselves (the scatter of the track record, binned).
type Bins struct {
	Model  model.ModelID
	Counts [10][10]int
}

// Record is a backtest reduced to its figures: what the product ships (in
// trackrecord_gen.go) and what the Track record view draws. It holds no case
// data, only scores, subsets, weights and binned counts.
type Record struct {
	Source      string
	Cases       int
	Proposals   int
	Capability  Capability
	Folds       int
	Seed        uint64
	Models      []Score
	Subsets     []Subset
	Recommended []Weight
	Bins        []Bins
}

// Summarize reduces a backtest to its Record.
func Summarize(r *Result) *Record {
	rec := &Record{Source: r.Source, Cases: r.Cases, Proposals: r.Proposals, Capability: r.Capability,
		Folds: r.Folds, Seed: r.Seed, Models: r.Models, Subsets: r.Subsets, Recommended: r.Recommended}
	for _, s := range r.Models {
		b := Bins{Model: s.Model}
		for _, is := range r.Issues {
			f, ok := is.Forecasts[s.Model]
			if !ok {
				continue
			}
			b.Counts[decile(f)][decile(is.Outcome)]++
		}
		rec.Bins = append(rec.Bins, b)
	}
	return rec
}

func decile(x float64) int {
	return max(0, min(9, int(x/10)))
}

// Score returns model m's row of the record.
func (r *Record) Score(m model.ModelID) (Score, bool) {
	for _, s := range r.Models {
		if s.Model == m {
			return s, true
		}
	}
	return Score{}, false
}

// ShippedSource says where the shipped figures come from, for sentences.
const ShippedSource = "351 EU negotiations (DEU I-III)"

// Shipped is the track record the product ships: the backtest of its models
// on deu3.csv (capability "votes", 5 folds by proposal, seed 1), generated
// into trackrecord_gen.go and checked against a fresh run by a test.
func Shipped() *Record { return &shipped }

// Interval80 is model m's 80% track-record interval half-width: forecast ± q,
// q the 80th percentile of its out-of-sample errors in the shipped track
// record. ok is false for a model without a track record (e.g. one added
// after the table was generated).
func Interval80(m model.ModelID) (halfWidth float64, ok bool) {
	s, ok := shipped.Score(m)
	if !ok || s.N == 0 {
		return 0, false
	}
	return s.Interval80.HalfWidth, true
}

// IntervalSentence says where model m's interval comes from, for a legend or
// a slide: "80% track-record interval: ±37, the 80th percentile of
// out-of-sample errors on 351 EU negotiations (DEU I-III)". It is empty when
// m has no track record.
func IntervalSentence(m model.ModelID) string {
	q, ok := Interval80(m)
	if !ok {
		return ""
	}
	return fmt.Sprintf("80%% track-record interval: ±%.0f, the 80th percentile of out-of-sample errors on %s", q, ShippedSource)
}

// WithInterval formats a forecast with its track-record interval, "46.6 ± 37",
// or just the forecast when m has none.
func WithInterval(m model.ModelID, forecast float64) string {
	if q, ok := Interval80(m); ok {
		return fmt.Sprintf("%.1f ± %.0f", forecast, q)
	}
	return fmt.Sprintf("%.1f", forecast)
}

// RecommendedWeights is the shipped recommended combination: each model's
// weight (non-negative, summing to 1), fitted on all the shipped cases.
func RecommendedWeights() []Weight {
	return append([]Weight(nil), shipped.Recommended...)
}

// Drift lists where record o differs from r: counts exactly, figures by more
// than tol. Empty means o reproduces r (the shipped table's test uses it).
func (r *Record) Drift(o *Record, tol float64) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if r.Cases != o.Cases || r.Proposals != o.Proposals || r.Folds != o.Folds || r.Seed != o.Seed || r.Capability != o.Capability {
		add("run: %d cases/%d proposals/%d folds/seed %d/%s against %d/%d/%d/%d/%s",
			r.Cases, r.Proposals, r.Folds, r.Seed, r.Capability, o.Cases, o.Proposals, o.Folds, o.Seed, o.Capability)
		return out
	}
	num := func(what string, a, b float64) {
		if !(a-b <= tol && b-a <= tol) {
			add("%s: %.4f against %.4f", what, a, b)
		}
	}
	scores := func(where string, as, bs []Score) {
		if len(as) != len(bs) {
			add("%s: %d models against %d", where, len(as), len(bs))
			return
		}
		for i := range as {
			a, b := as[i], bs[i]
			p := where + " " + string(a.Model)
			if a.Model != b.Model || a.N != b.N || a.Excluded != b.Excluded {
				add("%s: %s n=%d excluded=%d against %s n=%d excluded=%d", p, a.Model, a.N, a.Excluded, b.Model, b.N, b.Excluded)
				continue
			}
			num(p+" MAE", a.MAE, b.MAE)
			num(p+" RMSE", a.RMSE, b.RMSE)
			num(p+" median AE", a.MedianAE, b.MedianAE)
			num(p+" share ≤ 10", a.Within10, b.Within10)
			num(p+" q", a.Interval80.HalfWidth, b.Interval80.HalfWidth)
			num(p+" coverage", a.Interval80.Coverage, b.Interval80.Coverage)
		}
	}
	scores("all", r.Models, o.Models)
	if len(r.Subsets) != len(o.Subsets) {
		add("%d subsets against %d", len(r.Subsets), len(o.Subsets))
	} else {
		for i := range r.Subsets {
			a, b := r.Subsets[i], o.Subsets[i]
			if a.By != b.By || a.Value != b.Value || a.Cases != b.Cases {
				add("subset %d: %s=%s (%d) against %s=%s (%d)", i, a.By, a.Value, a.Cases, b.By, b.Value, b.Cases)
				continue
			}
			scores(a.By+"="+a.Value, a.Models, b.Models)
		}
	}
	if len(r.Recommended) != len(o.Recommended) {
		add("%d recommended weights against %d", len(r.Recommended), len(o.Recommended))
	} else {
		for i := range r.Recommended {
			num("weight of "+string(r.Recommended[i].Model), r.Recommended[i].Weight, o.Recommended[i].Weight)
		}
	}
	if len(r.Bins) != len(o.Bins) {
		add("%d scatters against %d", len(r.Bins), len(o.Bins))
	} else {
		for i := range r.Bins {
			if r.Bins[i] != o.Bins[i] {
				add("%s: binned forecast-vs-outcome counts differ", r.Bins[i].Model)
			}
		}
	}
	return out
}

// Intervals returns the shipped 80% track-record half-width of every model
// that has one, keyed as a scenario's forecast names its models. A scenario's
// SMP bargains over all its issues at once, so its track record is the
// per-proposal SMP's (smp_joint), not the SMP run one issue at a time.
func Intervals() map[model.ModelID]float64 {
	out := map[model.ModelID]float64{}
	for _, m := range model.Models {
		if q, ok := Interval80(m); ok {
			out[m] = q
		}
	}
	if q, ok := Interval80(model.ModelSMPJoint); ok {
		out[model.ModelSMP] = q
	}
	return out
}
