package backtest

import (
	"context"
	"math"

	"parley/model"
	"parley/model/baseline"
	"parley/model/bdm"
	"parley/model/exchange"
	"parley/model/smp"
)

// The baselines of BACKTEST.md that are not models of the product: they say
// how much a model adds over knowing nothing.
const (
	ModelUnweightedMean model.ModelID = "unweighted_mean" // plain mean of the actors' positions
	ModelConstant50     model.ModelID = "constant_50"     // always 50, the middle of the scale
	ModelReferencePoint model.ModelID = "reference_point" // the status quo alone (only where rp is known)
)

// Label is a model's name as the track record prints it (the product's own
// models use model.ModelID.Label).
func Label(m model.ModelID) string {
	switch m {
	case ModelUnweightedMean:
		return "Unweighted mean"
	case ModelConstant50:
		return "Constant 50"
	case ModelReferencePoint:
		return "Reference point"
	}
	return m.Label()
}

// Forecaster is one row of the model function table: a model that forecasts
// an issue on its own (Issue) or all the issues of one proposal together
// (Proposal; forecasts in the order of cs). A model without an answer for an
// issue returns an error with code EINFEASIBLE or EDEGENERATE: the issue is
// then excluded from that model's scores, and counted. Any other error stops
// the backtest.
type Forecaster struct {
	ID       model.ModelID
	Issue    func(ctx context.Context, c *Case) (float64, error)
	Proposal func(ctx context.Context, cs []*Case) ([]float64, []error)
	// Cost is a rough relative cost, used only to start the dearest work first.
	Cost int
}

// Forecasters is the model function table the backtest runs, in the order
// tables show them. It must not be changed while a backtest runs.
//
// The exchange model runs per proposal (it trades across the issues of one
// proposal); a new model is one more entry, scored, cross-validated, given an
// interval and offered to the recommended combination like every other row.
var Forecasters = []Forecaster{
	{ID: model.ModelWeightedMean, Issue: weightedMean, Cost: 1},
	{ID: model.ModelWeightedMedian, Issue: weightedMedian, Cost: 1},
	{ID: model.ModelBDM, Issue: bdmIssue, Cost: 3},
	{ID: model.ModelSMP, Issue: smpIssue, Cost: 20},
	{ID: model.ModelSMPJoint, Proposal: smpProposal, Cost: 60},
	{ID: model.ModelNash, Issue: nashIssue, Cost: 1},
	{ID: model.ModelExchange, Proposal: exchangeProposal, Cost: 10},
	{ID: ModelUnweightedMean, Issue: unweightedMean, Cost: 1},
	{ID: ModelConstant50, Issue: func(context.Context, *Case) (float64, error) { return 50, nil }, Cost: 1},
	{ID: ModelReferencePoint, Issue: referencePoint, Cost: 1},
}

func weights(c *Case) []float64 {
	w := make([]float64, len(c.Position))
	for i := range w {
		w[i] = c.Capability[i] * c.Salience[i]
	}
	return w
}

func weightedMean(_ context.Context, c *Case) (float64, error) {
	return model.WeightedMean(c.Position, weights(c))
}

// weightedMedian is the capability × salience weighted median. Where the
// cumulative weight hits exactly half, every point between the lower and the
// upper median is a median; the backtest takes their midpoint, the convention
// of the open DEU backtests (it reproduces their 28.39 equal / 28.56 votes;
// the lower median alone gives 28.31 / 28.42). Elsewhere lower = upper.
func weightedMedian(_ context.Context, c *Case) (float64, error) {
	lo, hi, err := model.WeightedMedian(c.Position, weights(c))
	return (lo + hi) / 2, err
}

func unweightedMean(_ context.Context, c *Case) (float64, error) {
	var s float64
	for _, x := range c.Position {
		s += x
	}
	return s / float64(len(c.Position)), nil
}

func referencePoint(_ context.Context, c *Case) (float64, error) {
	if !c.HasStatusQuo {
		return 0, model.Errorf(model.EINFEASIBLE, "the issue has no reference point")
	}
	return c.StatusQuo, nil
}

// agreed reports whether every actor holds the same position: there is
// nothing to negotiate, and every model's forecast is that position.
func agreed(x []float64) bool {
	for _, v := range x[1:] {
		if v != x[0] {
			return false
		}
	}
	return true
}

func bdmIssue(_ context.Context, c *Case) (float64, error) {
	if agreed(c.Position) {
		return c.Position[0], nil
	}
	r, err := bdm.Run(bdm.Input{Names: c.Names, Capability: c.Capability, Position: c.Position, Salience: c.Salience}, bdm.Options{})
	if err != nil {
		return 0, err
	}
	return r.Forecast, nil
}

func nashIssue(_ context.Context, c *Case) (float64, error) {
	in := model.Column{Names: c.Names, Capability: c.Capability, Position: c.Position, Salience: c.Salience}
	return baseline.Nash(in, c.StatusQuo, baseline.NashOptions{})
}

// smpIssue runs KTAB's SMP (defaults) on one issue. Actors with salience 0
// care about nothing the model sees and are left out (KTAB refuses them).
func smpIssue(ctx context.Context, c *Case) (float64, error) {
	if agreed(c.Position) {
		return c.Position[0], nil
	}
	var in smp.Input
	for i := range c.Position {
		if c.Salience[i] <= 0 {
			continue
		}
		in.Names = append(in.Names, c.Names[i])
		in.Capability = append(in.Capability, c.Capability[i])
		in.Position = append(in.Position, []float64{c.Position[i]})
		in.Salience = append(in.Salience, []float64{c.Salience[i]})
	}
	if len(in.Names) < smp.MinActors {
		return 0, model.Degenerate("fewer than %d actors care about the issue", smp.MinActors)
	}
	if agreedRows(in.Position) {
		return in.Position[0][0], nil
	}
	r, err := smp.Run(ctx, in, smp.Options{})
	if err != nil {
		return 0, err
	}
	return r.Forecast[0].Median, nil
}

func agreedRows(p [][]float64) bool {
	for _, row := range p[1:] {
		for d := range row {
			if row[d] != p[0][d] {
				return false
			}
		}
	}
	return true
}

// smpProposal runs KTAB's SMP (defaults) once on a whole proposal, its scored
// issues as the dimensions. The actors are every actor with a stance on any
// of them; on an issue where an actor has none it gets salience 0 and, as a
// placeholder that weighs nothing there, the plain mean of the others'
// positions. Each actor's saliences are rescaled to sum to at most 100 (KTAB's
// rule: salience is a share of attention), and actors that care about none of
// the issues are left out.
func smpProposal(ctx context.Context, cs []*Case) ([]float64, []error) {
	out := make([]float64, len(cs))
	errs := make([]error, len(cs))
	fail := func(err error) ([]float64, []error) {
		for i := range errs {
			errs[i] = err
		}
		return out, errs
	}
	nd := len(cs)
	index := map[string]int{}
	var names []string
	var capab []float64
	for _, c := range cs {
		for i, n := range c.Names {
			if _, ok := index[n]; !ok {
				index[n] = len(names)
				names = append(names, n)
				capab = append(capab, c.Capability[i])
			}
		}
	}
	pos := make([][]float64, len(names))
	sal := make([][]float64, len(names))
	for a := range names {
		pos[a] = make([]float64, nd)
		sal[a] = make([]float64, nd)
		for d := range pos[a] {
			pos[a][d] = math.NaN()
		}
	}
	for d, c := range cs {
		var mean float64
		for i, n := range c.Names {
			a := index[n]
			pos[a][d], sal[a][d] = c.Position[i], c.Salience[i]
			mean += c.Position[i]
		}
		mean /= float64(len(c.Names))
		for a := range names {
			if math.IsNaN(pos[a][d]) {
				pos[a][d] = mean
			}
		}
	}
	var in smp.Input
	for a := range names {
		var sum float64
		for _, s := range sal[a] {
			sum += s
		}
		if sum <= 0 {
			continue
		}
		if sum > 100 {
			for d := range sal[a] {
				sal[a][d] *= 100 / sum
			}
		}
		in.Names = append(in.Names, names[a])
		in.Capability = append(in.Capability, capab[a])
		in.Position = append(in.Position, pos[a])
		in.Salience = append(in.Salience, sal[a])
	}
	if len(in.Names) < smp.MinActors {
		return fail(model.Degenerate("fewer than %d actors care about the proposal's issues", smp.MinActors))
	}
	if agreedRows(in.Position) {
		for d := range out {
			out[d] = in.Position[0][d]
		}
		return out, errs
	}
	r, err := smp.Run(ctx, in, smp.Options{})
	if err != nil {
		return fail(err)
	}
	for d := range out {
		out[d] = r.Forecast[d].Median
	}
	return out, errs
}

// exchangeProposal runs the exchange model (variant B, 10 rounds, its
// defaults) on one proposal, its issues as the exchange's issues; an actor
// without a stance on an issue takes no part in it. A proposal of one issue
// leaves nothing to trade: the model's outcome is then its starting outcome,
// the capability × salience weighted mean (EXCHANGE.md §2), and that is its
// forecast.
func exchangeProposal(ctx context.Context, cs []*Case) ([]float64, []error) {
	out := make([]float64, len(cs))
	errs := make([]error, len(cs))
	if len(cs) < 2 {
		for d, c := range cs {
			out[d], errs[d] = weightedMean(ctx, c)
		}
		return out, errs
	}
	index := map[string]int{}
	var in exchange.Input
	for _, c := range cs {
		for _, n := range c.Names {
			if _, ok := index[n]; !ok {
				index[n] = len(in.Actors)
				in.Actors = append(in.Actors, n)
			}
		}
	}
	in.Stances = make([][]exchange.Stance, len(in.Actors))
	for a := range in.Stances {
		in.Stances[a] = make([]exchange.Stance, len(cs))
	}
	for d, c := range cs {
		in.Issues = append(in.Issues, c.ID)
		for i, n := range c.Names {
			in.Stances[index[n]][d] = exchange.Stance{Has: true, Position: c.Position[i], Salience: c.Salience[i] / 100, Power: c.Capability[i]}
		}
	}
	r, err := exchange.Run(in, exchange.Options{})
	if err != nil {
		for d := range errs {
			errs[d] = err
		}
		return out, errs
	}
	copy(out, r.Forecast)
	return out, errs
}
