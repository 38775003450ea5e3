package chart

import (
	"testing"

	"parley/model"
)

// A stored takeaway without a stamp: Parley's sentence for the chart as it
// is now is Parley's (not printed twice); its sentence for another chart is
// out of date; the analyst's own words are kept as current.
func TestLegacyTakeaways(t *testing.T) {
	sc, res := briefMuscat(t)
	spec := ChartSpec{Kind: model.ChartStance, Issue: sc.Issues[0].Key, Model: model.ModelBDM}
	gen := Generated(spec, sc, res)
	for _, c := range []struct {
		text string
		want TakeawayState
	}{
		{gen, TakeawayNone},
		{readingNotes[model.ChartStance], TakeawayNone},
		{"BDM forecasts 85 against a status quo of 0; SMP 19.4.", TakeawayOutdated},
		{"Washington’s line holds — for now.", TakeawayCurrent},
	} {
		if _, got := Analyst(model.Slide{Chart: spec, Takeaway: c.text}, sc, res); got != c.want {
			t.Errorf("%q: state %v, want %v", c.text, got, c.want)
		}
	}
	s := model.Slide{Chart: spec, Takeaway: "Mine.", TakeawayChart: ChartFingerprint(spec, sc, res)}
	if _, st := Analyst(s, sc, res); st != TakeawayCurrent {
		t.Fatal("a stamped takeaway on an unchanged chart is not current")
	}
	// Another issue's inputs do not touch a one-issue BDM chart; its own do.
	other := sc.Clone()
	st := other.Stance(0, 1)
	st.SetPosition(st.Position/2 + 1)
	other.SetStance(0, 1, st)
	if _, got := Analyst(s, other, res); got != TakeawayCurrent {
		t.Error("changing another issue marked a one-issue chart's takeaway out of date")
	}
	st = other.Stance(0, 0)
	st.SetPosition(st.Position/2 + 1)
	other.SetStance(0, 0, st)
	if _, got := Analyst(s, other, res); got != TakeawayOutdated {
		t.Error("changing the chart's own issue left its takeaway current")
	}
	if got := SlideText(s, sc, res); got != "Mine. — "+gen {
		t.Errorf("slide prints %q", got)
	}
}
