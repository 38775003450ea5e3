// Package backtest is Parley's track record: it scores every model on past
// negotiations whose outcome is known, the way ../shared/docs/BACKTEST.md
// prescribes, and says how far off each has been, out of sample.
//
// # Cases
//
// Read takes the DEU file (tab-separated, BACKTEST.md) or Parley's own cases
// format, JSON (see ParleyCase): a Parley scenario per case plus an
// "outcomes" object giving the outcome of each issue by key, e.g.
//
//	{"format": "parley-cases", "cases": [{"name": "...", "issues": [...], "actors": [...],
//	  "outcomes": {"enrichment": 3.67}, "subsets": {"mediator": "Oman"}}]}
//
// An issue is scored when its outcome is in [0, 100] and at least 3 actors
// have both a position and a salience in [0, 100]; only those actors take
// part. Under capability "votes" DEU actors get Council votes by treaty
// period (year of the final act; "999" = 2007; a blank one falls back to the
// introduction), the Commission and the EP the largest member-state value of
// the issue, rescaled so the largest is 100; Parley cases keep the scenario's
// own capabilities. Under "equal" everyone weighs 1.
//
// DEU waves are derived from the proposal's introduction year: DEU I up to
// 2001, DEU II 2002-2009, DEU III from 2010 (on deu3.csv this is exactly the
// file's proposal numbering 1-69, 70-125, 126-141). Subsets are also formed
// by procedure (COD, CNS) and Council voting rule (QMV, QMV(10), Unan).
//
// # Models
//
// Forecasters is the model function table: weighted mean, weighted median
// (midpoint of the lower and upper medians where the weight splits exactly in
// half, the open backtests' convention), BDM and SMP per issue with their
// packages' defaults, the SMP per proposal (its scored issues as dimensions;
// see smpProposal), Nash bargaining against the reference point (50 where it
// is absent; infeasible issues are excluded and counted), and the baselines
// unweighted mean, constant 50 and reference point alone. BDM and SMP take no
// status quo: the reference point enters only Nash and its own baseline. When
// every actor of an issue holds the same position, the dynamic models'
// forecast is that position. An issue a model has no answer for (EDEGENERATE,
// EINFEASIBLE or its input rules) is excluded from its scores, and counted.
// The exchange model joins by adding one row to Forecasters (see the HOOK).
//
// # Cross-validation, intervals, the recommended forecast
//
// Proposals (sorted, shuffled by a PCG seeded with Options.Seed) are dealt
// round-robin into K folds, so the issues of one proposal never sit on both
// sides of a split. Only the recommended forecast has anything to fit; the
// other models' out-of-sample errors are their errors.
//
// The recommended forecast is Σ w_m·f_m over every row of the table, with
// w ≥ 0 and Σw = 1 fitted by least absolute error (FitSimplexLAD) on the
// training folds only and applied to the held-out fold; where a model has no
// answer on an issue the weighted mean's forecast stands in for it. The
// weights shipped for new scenarios are fitted on all cases.
//
// The 80% track-record interval is forecast ± q, q the split-conformal
// quantile (the ⌈0.8(n+1)⌉-th smallest) of the model's absolute errors on the
// training folds (for the recommended forecast: of its training residuals),
// applied to the held-out fold; Coverage is the share of held-out outcomes it
// contains. The half-width the product shows with a new forecast is the same
// quantile over all out-of-sample errors.
//
// Run is deterministic for given data and options, on any number of workers,
// cancellable with its context and reports progress. The figures the product
// ships (trackrecord_gen.go: scores, subsets, weights, binned scatters; no
// case data) are regenerated with go generate and checked by a test.
package backtest

//go:generate go test . -run TestShippedTrackRecord -update
