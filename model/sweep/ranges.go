package sweep

import (
	"math"

	"parley/model"
)

// Field names an input's kind; the values match model.Override.Field.
type Field string

// The three kinds of input.
const (
	Capability Field = "capability"
	Position   Field = "position"
	Salience   Field = "salience"
)

// Input is one model input with its effective range.
type Input struct {
	Name  string // what the analyst reads: "USA capability", "USA salience on Scope of the agenda"
	Actor int    // index into the scenario's actors
	Issue int    // index into the scenario's issues; -1 for capability
	Field Field
	// Value is the point value; Low ≤ Value ≤ High is the range the sweep
	// draws from (Low = High: the input is fixed).
	Value, Low, High float64
	// Explicit is true when the range is the analyst's own, false when it
	// comes from the default spread.
	Explicit bool
}

// Width is High − Low: 0 for a fixed input.
func (in Input) Width() float64 { return in.High - in.Low }

// Ranges returns the effective range of every input of sc with default
// spread spread (points on 0-100 for positions and saliences, per cent of the
// value for capability; 0 = no default spread): for each actor in order, its
// capability, then its position and salience on each issue in order. An
// explicit range wins over the spread. Every range is clipped to its scale and
// contains the point value. A negative or non-finite spread counts as 0.
func Ranges(sc *model.Scenario, spread float64) []Input {
	if !(spread > 0) || math.IsInf(spread, 0) {
		spread = 0
	}
	out := make([]Input, 0, len(sc.Actors)*(1+2*len(sc.Issues)))
	for a := range sc.Actors {
		ac := &sc.Actors[a]
		label := ac.ShortLabel()
		c := ac.Capability
		in := Input{Name: label + " capability", Actor: a, Issue: -1, Field: Capability, Value: c}
		in.Low, in.High, in.Explicit = effective(c, ac.CapabilityRange, c*spread/100, 0, model.MaxCapability)
		out = append(out, in)
		for i, is := range sc.Issues {
			st, set := ac.Stances[is.Key]
			if !set { // unset: left out of every model, so nothing to vary (fixed at 0)
				out = append(out, Input{Name: label + " position on " + is.Name + " (not set)", Actor: a, Issue: i, Field: Position},
					Input{Name: label + " salience on " + is.Name + " (not set)", Actor: a, Issue: i, Field: Salience})
				continue
			}
			p := Input{Name: label + " position on " + is.Name, Actor: a, Issue: i, Field: Position, Value: st.Position}
			p.Low, p.High, p.Explicit = effective(st.Position, st.PositionRange, spread, model.ScaleMin, model.ScaleMax)
			s := Input{Name: label + " salience on " + is.Name, Actor: a, Issue: i, Field: Salience, Value: st.Salience}
			s.Low, s.High, s.Explicit = effective(st.Salience, st.SalienceRange, spread, model.ScaleMin, model.ScaleMax)
			out = append(out, p, s)
		}
	}
	return out
}

// effective returns the range of value v: r when set (clipped to [lo, hi]
// and widened to contain v), else the default spread v ± d truncated
// symmetrically at the scale ends, v ± min(d, v − lo, hi − v). A default
// range is the analyst's "give or take d": clipping only one side (v = 2,
// d = 5 drawn from [0, 7]) would push every draw's mean up by 1.5 points and
// can leave the point forecast outside its own band, so it keeps the side
// that fits on both; a point on the scale end is then fixed. Draws from the
// result are centred on v whatever the distribution.
func effective(v float64, r *model.Range, d, lo, hi float64) (low, high float64, explicit bool) {
	if r != nil {
		low, high, explicit = r.Low, r.High, true
	} else {
		d = math.Min(d, math.Min(v-lo, hi-v))
		low, high = v-d, v+d
	}
	low = math.Max(lo, math.Min(low, v))
	high = math.Min(hi, math.Max(high, v))
	if !(low <= high) { // NaN, or v itself off the scale: keep the point value
		low, high = v, v
	}
	return low, high, explicit
}

// inputIndex returns where the input (a, i, f) sits in Ranges' order.
func inputIndex(nIssues, a, i int, f Field) int {
	k := a * (1 + 2*nIssues)
	switch f {
	case Position:
		k += 1 + 2*i
	case Salience:
		k += 2 + 2*i
	}
	return k
}
