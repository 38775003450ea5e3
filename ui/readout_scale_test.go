package ui

import (
	"context"
	"fmt"
	"testing"

	"parley/assets"
	"parley/model"
	"parley/model/forecast"
)

// The forecast table shows an issue that has its own scale on that scale:
// Muscat's scope measured as 0-10 shows BDM's forecast of 90 as 9, and a
// change of 10 points as 1.
func TestReadoutOnOwnScale(t *testing.T) {
	f, err := assets.Muscat()
	if err != nil {
		t.Fatal(err)
	}
	sc := f.Scenarios[0].Clone()
	sc.Issues[0].Scale = &model.IssueScale{Lo: 0, Hi: 10, Unit: "steps"}
	res, err := forecast.Run(context.Background(), sc, forecast.FromSettings(sc.Settings))
	if err != nil {
		t.Fatal(err)
	}
	moved := sc.Clone()
	a := moved.ActorIndex("United States")
	st := moved.Stance(a, 0)
	st.Position = 50
	moved.SetStance(a, 0, st)
	base, err := forecast.Run(context.Background(), moved, forecast.FromSettings(sc.Settings))
	if err != nil {
		t.Fatal(err)
	}
	rows := ReadoutRows(sc, res, base, nil)
	bdm, was := res.Issues[0].BDM.Forecast, base.Issues[0].BDM.Forecast
	if want := fmt.Sprintf("%.1f", bdm/10); rows[0][1] != want {
		t.Errorf("scope BDM shown %q, want %q (on 0-10)", rows[0][1], want)
	}
	if d := (bdm - was) / 10; d*d >= 0.0025 && rows[0][2] != fmt.Sprintf("%+.1f", d) {
		t.Errorf("scope BDM Δ shown %q, want %+.1f", rows[0][2], d)
	}
	if want := fmt.Sprintf("%.1f", res.Issues[1].BDM.Forecast); rows[1][1] != want {
		t.Errorf("enrichment (0-100) shown %q, want %q", rows[1][1], want)
	}
}
