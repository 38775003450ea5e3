package exchange_test

import (
	"fmt"

	"parley/model/exchange"
)

// One DEU-style proposal: three actors, two issues, positions on 0-100,
// saliences 0-1, one capability each; Forecast is the model's outcome per
// issue (the voting outcome after 10 rounds).
func ExampleRun() {
	st := func(x, s, c float64) exchange.Stance {
		return exchange.Stance{Has: true, Position: x, Salience: s, Power: c}
	}
	in := exchange.Input{
		Actors: []string{"Commission", "Council", "Parliament"},
		Issues: []string{"deadline", "scope"},
		Stances: [][]exchange.Stance{
			{st(0, 0.2, 3), st(0, 0.9, 3)},
			{st(100, 0.8, 5), st(100, 0.3, 5)},
			{st(40, 0.5, 2), st(70, 0.5, 2)},
		},
	}
	res, err := exchange.Run(in, exchange.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Rounds[0].Exchanges[0].Explain(res.Actors, res.Issues))
	for d, is := range res.Issues {
		fmt.Printf("%s: %.1f\n", is, res.Forecast[d])
	}
	// Output:
	// Council conceded on scope (100 → 69) in exchange for Commission's move on deadline (0 → 100); each gained 5.89
	// deadline: 89.3
	// scope: 29.2
}
