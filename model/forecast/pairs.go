package forecast

import "parley/model"

// withPairs fills the engines' no-bargaining pairs from the scenario's
// (model.Scenario.NoBargain) unless the caller set them.
func withPairs(sc *model.Scenario, opt Options) Options {
	if len(sc.NoBargain) == 0 {
		return opt
	}
	p := sc.NoBargainIndices()
	if opt.BDM.NoBargain == nil {
		opt.BDM.NoBargain = p
	}
	if opt.SMP.NoBargain == nil {
		opt.SMP.NoBargain = p
	}
	return opt
}

// WithPairs returns opt with the engines' no-bargaining pairs filled from sc
// (unless the caller set them), as Run does: a caller that runs many
// forecasts over one scenario's actors (the Monte Carlo) resolves the names
// once instead of on every run.
func WithPairs(sc *model.Scenario, opt Options) Options { return withPairs(sc, opt) }
