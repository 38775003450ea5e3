package sweep

// DefaultSpread is the ± spread (points; per cent for capability) that the
// Uncertainty tab and `parley-cli sensitivity` use for a scenario whose
// settings give none (Settings.Spread = 0), so that both show the same band:
// without it, a file with no ranges would give every draw the same numbers.
// Options.Spread = NoSpread (the window's 0, the CLI's --spread 0) still turns
// it off.
const DefaultSpread = 5.0

// SpreadFor is the default spread a sweep of a scenario with the setting
// spread uses when the analyst gives none: the setting, else DefaultSpread.
func SpreadFor(spread float64) float64 {
	if spread > 0 {
		return spread
	}
	return DefaultSpread
}
