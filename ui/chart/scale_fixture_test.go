package chart

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"parley/model"
	"parley/model/forecast"
)

// emissionsOnOwnScale is the published emissions case
// (../shared/testdata/inputs/bdm1994_emissions.csv, positions in years 4-10)
// as an import on the file's own scale leaves it: positions stored on 0-100,
// the issue carrying Scale {4, 10, "years"}.
func emissionsOnOwnScale(t testing.TB) *model.Scenario {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "..", "shared", "testdata", "inputs", "bdm1994_emissions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	is := model.Issue{Key: "emissions", Name: "Emission standards", Scale: &model.IssueScale{Lo: 4, Hi: 10, Unit: "years"}}
	sc := &model.Scenario{Name: "BDM 1994 emissions", Issues: []model.Issue{is}}
	var sq float64
	for _, r := range rows[1:] {
		num := func(k int) float64 {
			v, err := strconv.ParseFloat(r[k], 64)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		pos := sc.Issues[0].Stored(num(2))
		sq += pos
		sc.Actors = append(sc.Actors, model.Actor{Name: r[0], Capability: num(1),
			Stances: map[string]model.Stance{"emissions": {Position: pos, Salience: num(3)}}})
	}
	sc.Issues[0].StatusQuo = sc.Issues[0].Stored(4)
	return sc
}

func runScenario(t testing.TB, sc *model.Scenario) *forecast.Result {
	t.Helper()
	res, err := forecast.Run(context.Background(), sc, forecast.FromSettings(sc.Settings))
	if err != nil {
		t.Fatal(err)
	}
	return res
}
