package sweep

import (
	"cmp"
	"context"
	"math"
	"slices"

	"parley/model"
	"parley/model/forecast"
)

// TornadoRow is one input of a tornado chart: the forecast with the input at
// the low and at the high end of its range, every other input at its point value.
type TornadoRow struct {
	Input string // e.g. "USA salience on Scope of the agenda"
	Actor string // the actor's name
	Issue string // the issue's name; "" for capability
	Field Field
	// InputLow and InputHigh are the input's range; Value its point value.
	InputLow, InputHigh, Value float64
	// Low and High are the forecasts with the input at InputLow and InputHigh,
	// Base the forecast at the point values.
	Low, High, Base float64
	Swing           float64 // |High − Low|
	// Failed is set when the model had no answer at one end; Err says why.
	// Low, High and Swing are then 0 and the row sorts last.
	Failed bool
	Err    string
}

// Tornado varies each input with a non-zero range, one at a time (the
// capability of every actor, and every actor's position and salience on issue
// issue), and returns the forecast of model m (ModelBDM, ... or a name
// ParseModel reads) for that issue at the input's low and high ends, sorted by
// swing, largest first (ties keep Ranges' order). Options.Draws, Seed, Dist,
// Models and BinWidth are not used. It fails when the model has no forecast
// at the point values.
func Tornado(ctx context.Context, sc *model.Scenario, issue int, m string, opt Options) ([]TornadoRow, error) {
	opt.Draws, opt.Models = 1, 0
	s, err := resolve(sc, opt)
	if err != nil {
		return nil, err
	}
	if issue < 0 || issue >= len(sc.Issues) {
		return nil, model.Errorf(model.ENOTFOUND, "there is no issue %d in scenario %q", issue+1, sc.Name)
	}
	if m, err = ParseModel(m); err != nil {
		return nil, err
	}
	all := Ranges(sc, s.spread)
	var inputs []Input
	for _, in := range all {
		if (in.Field == Capability || in.Issue == issue) && in.Width() > 0 {
			inputs = append(inputs, in)
		}
	}
	fopt := s.fopt
	fopt.Models = family(m)

	// BDM and the baselines see one issue only: run them on it alone (the
	// SMP and the exchange model need every issue).
	base, at, inputAt := sc, issue, func(in Input) int { return inputIndex(len(sc.Issues), in.Actor, in.Issue, in.Field) }
	if fopt.Models != forecast.SMP && fopt.Models != forecast.Exchange {
		one := *sc
		one.Issues = sc.Issues[issue : issue+1]
		base, at = &one, 0
		inputAt = func(in Input) int {
			if in.Issue >= 0 {
				in.Issue = 0
			}
			return inputIndex(1, in.Actor, in.Issue, in.Field)
		}
	}
	point := make([]float64, 0, len(base.Actors)*(1+2*len(base.Issues)))
	for _, in := range Ranges(base, 0) {
		point = append(point, in.Value)
	}

	run := func(scr *scratch, v []float64) (float64, error) {
		scr.set(v)
		res, err := forecast.Run(ctx, scr.sc, fopt)
		if err != nil {
			return 0, err
		}
		if x, ok := forecastOf(res, at, m); ok {
			return x, nil
		}
		return 0, whyNot(res, at, m)
	}
	baseVal, err := run(newScratch(base), point)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, model.Degenerate("%s has no forecast for %q at the point values: %s", m, sc.Issues[issue].Name, model.ErrorMessage(err))
	}

	rows := make([]TornadoRow, len(inputs))
	type worker struct {
		scr *scratch
		v   []float64
	}
	workers := make([]*worker, s.workers)
	prog := newProgress(opt.Progress, len(inputs))
	err = pool(ctx, s.workers, len(inputs), func(w, k int) error {
		wk := workers[w]
		if wk == nil {
			wk = &worker{scr: newScratch(base), v: slices.Clone(point)}
			workers[w] = wk
		}
		in := inputs[k]
		r := TornadoRow{Input: in.Name, Actor: sc.Actors[in.Actor].Name, Field: in.Field,
			InputLow: in.Low, InputHigh: in.High, Value: in.Value, Base: baseVal}
		if in.Issue >= 0 {
			r.Issue = sc.Issues[in.Issue].Name
		}
		j := inputAt(in)
		var errLow, errHigh error
		wk.v[j] = in.Low
		r.Low, errLow = run(wk.scr, wk.v)
		wk.v[j] = in.High
		r.High, errHigh = run(wk.scr, wk.v)
		wk.v[j] = in.Value
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if e := cmp.Or(errLow, errHigh); e != nil {
			r.Low, r.High, r.Failed, r.Err = 0, 0, true, model.ErrorMessage(e)
		} else {
			r.Swing = math.Abs(r.High - r.Low)
		}
		rows[k] = r
		prog.tick()
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(rows, func(a, b TornadoRow) int {
		if a.Failed != b.Failed {
			if a.Failed {
				return 1
			}
			return -1
		}
		return cmp.Compare(b.Swing, a.Swing)
	})
	return rows, nil
}

// whyNot explains why res has no forecast of model m for issue i.
func whyNot(res *forecast.Result, i int, m string) error {
	is := &res.Issues[i]
	var err error
	switch m {
	case ModelBDM:
		err = is.BDMErr
	case ModelSMP:
		err = res.SMPErr
	case ModelExchange:
		err = res.ExchangeErr
	default:
		err = is.BaselineErr
		if err == nil && is.Baseline != nil && is.Baseline.Nash == nil && m == ModelNash {
			err = model.Errorf(model.EINFEASIBLE, "%s", is.Baseline.NashReason)
		}
	}
	if err == nil {
		err = model.Degenerate("%s gave no finite forecast", m)
	}
	return err
}
