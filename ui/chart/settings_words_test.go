package chart

import (
	"strings"
	"testing"

	"parley/model"
	"parley/model/exchange"
	"parley/model/forecast"
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
	words := strings.Join(SettingsInWords(sc.Settings, nil), " ")
	for _, want := range []string{"up to 10 rounds", "unvalidated", "victory probability Binary (a 10% advantage wins", "condorcet election Conditional", "Exchange model: equal-gain solution, variant B", "10 rounds; its forecast is the voting outcome after the last round", "within 8 points", "simple majority", "1000 draws, seed 1"} {
		if !strings.Contains(words, want) {
			t.Errorf("settings in words lack %q:\n%s", want, words)
		}
	}
	// The exchange model as it ran (variant A here, 3 rounds), or not at all
	// when it could not run.
	ran := &forecast.Result{Exchange: &exchange.Result{Variant: exchange.VariantA, Rounds: make([]exchange.Round, 3)}}
	if w := strings.Join(SettingsInWords(sc.Settings, ran), " "); !strings.Contains(w, "variant A (a side keeps its own earlier candidate move, as the published code does), 3 rounds;") {
		t.Errorf("settings of a variant-A run:\n%s", w)
	}
	if w := strings.Join(SettingsInWords(sc.Settings, &forecast.Result{}), " "); strings.Contains(w, "Exchange") {
		t.Errorf("settings name the exchange model that did not run:\n%s", w)
	}
}
