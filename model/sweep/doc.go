// Package sweep is Parley's uncertainty engine: it turns the ranges an analyst
// puts on the inputs into a spread of forecasts (Monte Carlo) and says which
// inputs move a forecast most (tornado). It runs the models through
// forecast.Run and never changes them.
//
// # Ranges
//
// Every capability, position and salience may carry a low/high range
// (model.Range). Where none is set, the scenario-wide default spread applies
// (model.Settings.Spread, or Options.Spread when it is positive): ± spread
// points on the 0-100 scale for positions and saliences, ± spread per cent of
// the value for capability. A spread of 0 means no default: inputs without a
// range of their own are fixed at their point value (zero width). Every range
// set by the analyst is clipped to its scale (0-100 for positions and
// saliences, 0-1e8 for capability) and widened if needed so that it contains
// the point value. A default-spread range is truncated symmetrically at the
// scale ends, v ± min(spread, v − 0, 100 − v): clipping one side only would
// bias every draw toward the middle of the scale and leave forecasts near 0
// or 100 outside their own P10-P90 band; a point on a scale end is fixed.
// Ranges returns the effective range of every input, for the UI.
//
// # Monte Carlo
//
// Run makes Options.Draws draws. In each draw every input with a non-zero
// width is drawn independently from its range, uniformly or from the
// triangular distribution with its mode at the point value (Options.Dist);
// inputs of zero width keep their point value exactly. The chosen models then
// run on the drawn scenario (forecast.Run) and each model's forecast for each
// issue is recorded, with the blocs (forecast.Issue.Blocs: the groups of
// actors after BDM's final round, or at the start when BDM does not run).
//
// Draw d uses its own random source, a PCG seeded with
// (splitmix64(Seed), splitmix64(d)), so a draw's numbers depend only on the
// seed and its index: the results are identical whatever the number of
// workers (GOMAXPROCS by default) and whichever worker ran which draw. The
// same seed always gives the same numbers.
//
// A draw in which a model has no answer (degenerate data, e.g. every position
// drawn equal, or an infeasible Nash problem) is counted in that model's
// Failed and left out of its distribution: a distribution never holds NaN.
//
// # Quantiles and histograms
//
// P10, P50 and P90 are sample quantiles by linear interpolation between order
// statistics, Hyndman & Fan's type 7 (the default of R and of NumPy): with the
// n values sorted, x[0] ≤ … ≤ x[n-1], and h = (n−1)·p, the p-quantile is
// x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). When every value is equal, so are
// the three quantiles, exactly.
//
// Histograms have fixed bins on 0-100 of width Options.BinWidth (default
// 2.5, so 40 bins): bin k holds values in [Edges[k], Edges[k+1]), the last
// bin also holds 100. When the width does not divide 100 the last bin is
// narrower. Values outside 0-100 (none of the models produces one) count in
// the end bins.
//
// # Blocs
//
// A bloc is a set of actors (indices into the scenario's actors) that ended
// together on an issue in one draw. For each issue, Run counts in how many
// draws each set formed and reports the most frequent ones (Options.MaxBlocs,
// default 10) with their share of the draws in which blocs could be computed.
//
// # Tornado
//
// Tornado varies one input at a time: for each input with a non-zero range
// (the capability of each actor; the position and salience of each actor on
// the chosen issue) it runs the chosen model with that input at its low and
// then at its high value, every other input at its point value, and reports
// the forecast for the chosen issue. Rows are sorted by swing |High − Low|,
// largest first. Models that work one issue at a time (BDM and the baselines)
// run on that issue alone; the SMP runs on all issues, since it bargains over
// them together.
//
// # Cost
//
// PRODUCT.md budgets 1,000 draws over the default scenario with every model at
// 1 s on 2 cores (BenchmarkMonteCarlo1000Muscat). Each worker keeps one
// stripped-down copy of the scenario (names, keys, status quos, numbers: no
// notes, sources or ranges) and overwrites its numbers in place for each draw;
// power indices, which the sweep does not report, are never computed.
package sweep
