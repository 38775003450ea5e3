package forecast

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"parley/model"
)

// bigScenario is a seeded 250-actor × 10-issue scenario with spread-out
// positions, saliences and capabilities: the largest size the README's
// budgets promise a forecast for.
func bigScenario(nActors, nIssues int) *model.Scenario {
	r := rand.New(rand.NewPCG(250, 10))
	sc := &model.Scenario{Name: "Big table", Settings: model.Settings{BDMRounds: 10}}
	for i := 0; i < nIssues; i++ {
		sc.Issues = append(sc.Issues, model.Issue{Key: fmt.Sprintf("i%d", i), Name: fmt.Sprintf("Issue %d", i), StatusQuo: 50})
	}
	for a := 0; a < nActors; a++ {
		ac := model.Actor{Name: fmt.Sprintf("Actor %d", a), Capability: 1 + 99*r.Float64(), Stances: map[string]model.Stance{}}
		for _, is := range sc.Issues {
			ac.Stances[is.Key] = model.Stance{Position: 100 * r.Float64(), Salience: 1 + 9*r.Float64()}
		}
		sc.Actors = append(sc.Actors, ac)
	}
	return sc
}

// BenchmarkForecast250x10 runs every model (the window's forecast after an
// edit) on a 250-actor × 10-issue scenario. Budget (README, Budgets): ≤ 1 s.
func BenchmarkForecast250x10(b *testing.B) {
	sc := bigScenario(250, 10)
	ctx := context.Background()
	for b.Loop() {
		res, err := Run(ctx, sc, FromSettings(sc.Settings))
		if err != nil {
			b.Fatal(err)
		}
		if res.Issues[0].BDM == nil {
			b.Fatalf("no BDM forecast: %v", res.Issues[0].BDMErr)
		}
	}
}
