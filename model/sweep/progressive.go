package sweep

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"parley/model"
	"parley/model/forecast"
)

// Progressive bands. A window that refines a band while the analyst drags
// a slider runs Run twice on the same inputs: first with a few draws (a
// preliminary band), then with the full count. Draw d depends only on the
// seed and d (see the package documentation), so the preliminary band of n
// draws is exactly the first n draws of the full run: its Values are the
// full run's Values[:n] (model by model, for the same failures), its blocs
// and fan are counted over those n draws. Key says which inputs a band was
// drawn from, so a band is never shown for inputs it was not drawn from.

// Key identifies what Run(ctx, sc, opt) computes: the forecast inputs and
// the models' options (forecast.Fingerprint), the effective ranges drawn
// from, the distribution, the seed and the models. It leaves out the number
// of draws (a preliminary and a full band of the same inputs share a key),
// the workers and the progress callback, which do not change a draw. Two
// calls with the same key and draws give the same result. An invalid
// scenario or options give "" (Run refuses them).
func Key(sc *model.Scenario, opt Options) string {
	s, err := resolve(sc, opt)
	if err != nil {
		return ""
	}
	in := struct {
		F      string
		Inputs []Input
		Dist   Distribution
		Seed   uint64
		Names  []string
		Bin    float64
		Blocs  int
	}{forecast.Fingerprint(sc, s.fopt), Ranges(sc, s.spread), opt.Dist, opt.Seed, s.names, opt.BinWidth, s.maxBlocs}
	b, err := json.Marshal(in)
	if err != nil {
		b = fmt.Appendf(nil, "%v", in) // non-finite numbers: never valid, never equal to a valid key
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
