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
