package chart

import (
	"strings"
	"testing"

	"parley/model"
)

// Footers and the assumptions slide say the settings in words: Q as the
// chance an unchallenged status quo stands (marked unvalidated below 1), the
// SMP's non-default options by name, blocs by their distance.
func TestSettingsInWords(t *testing.T) {
	sc := &model.Scenario{Name: "S", Settings: model.Settings{BDMQ: 0.6, BlocTol: 8}}
	sc.Settings.SMP.Set(model.SMPVictoryProb, "Binary")
	_, bdmOpts := describeModel(sc, nil, ChartSpec{Model: model.ModelBDM})
	if strings.Contains(bdmOpts, "Q 0.6") || !strings.Contains(bdmOpts, "probability 0.6: Q = 0.6, unvalidated") {
		t.Errorf("BDM footer options %q", bdmOpts)
	}
	if _, o := describeModel(&model.Scenario{}, nil, ChartSpec{Model: model.ModelBDM}); !strings.Contains(o, "an unchallenged status quo stands: Q = 1") {
		t.Errorf("default BDM footer options %q", o)
	}
	if _, o := describeModel(sc, nil, ChartSpec{Model: model.ModelSMP}); !strings.Contains(o, "victory probability Binary") {
		t.Errorf("SMP footer options %q", o)
	}
	if _, o := describeModel(sc, nil, ChartSpec{Kind: model.ChartCoalition}); !strings.Contains(o, "blocs within 8 points") {
		t.Errorf("coalition footer options %q", o)
	}
	words := strings.Join(SettingsInWords(sc.Settings), " ")
	for _, want := range []string{"up to 10 rounds", "unvalidated", "victory probability Binary (a 10% advantage wins", "condorcet election Conditional", "within 8 points", "simple majority", "1000 draws, seed 1"} {
		if !strings.Contains(words, want) {
			t.Errorf("settings in words lack %q:\n%s", want, words)
		}
	}
}
