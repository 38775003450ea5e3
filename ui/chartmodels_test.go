package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"parley/model"
)

// The deck editor offers the exchange model beside BDM and the SMP: the
// default deck's exchanges slide shows it picked, survives an edit of its
// title with it (it used to turn into a BDM slide), and a trajectory slide
// switched to it draws the exchange model's rounds.
func TestDeckEditorKeepsAndOffersTheExchangeModel(t *testing.T) {
	h := newHarness(t)
	h.u.ShowTab("Briefing")
	v := h.u.briefing
	v.refresh()
	if want := "BDM,SMP,Exchange"; strings.Join(v.model.Options, ",") != want {
		t.Fatalf("the Model choice offers %q, want %s", v.model.Options, want)
	}
	find := func(kind string) int {
		for k, s := range v.Deck().Slides {
			if s.Chart.Kind == kind {
				return k
			}
		}
		t.Fatalf("the default deck has no %s slide", kind)
		return -1
	}
	x := find(model.ChartExchanges)
	v.list.Select(x)
	if v.model.Selected != "Exchange" {
		t.Fatalf("the exchanges slide shows model %q", v.model.Selected)
	}
	test.Type(v.title, " (Muscat)")
	if s := v.Deck().Slides[x]; s.Chart.Model != model.ModelExchange || s.Chart.Kind != model.ChartExchanges {
		t.Fatalf("after a title edit the exchanges slide is %+v", s.Chart)
	}

	tr := find(model.ChartTrajectory)
	v.list.Select(tr)
	bdm, err := v.preview.Plot()
	if err != nil || bdm == nil {
		t.Fatalf("trajectory preview: %v", err)
	}
	bdmTitle := bdm.Title.Text
	v.model.SetSelected("Exchange")
	if s := v.Deck().Slides[tr]; s.Chart.Model != model.ModelExchange {
		t.Fatalf("the trajectory slide switched to the exchange model is %+v", s.Chart)
	}
	p, err := v.preview.Plot()
	if err != nil || p == nil || p.Title.Text == bdmTitle {
		t.Fatalf("the exchange trajectory preview (%v) is titled %q like BDM's", err, p.Title.Text)
	}
	stored, err := h.st.LoadDeck(h.u.current.Name)
	if err != nil || stored.Slides[tr].Chart.Model != model.ModelExchange || stored.Slides[x].Chart.Model != model.ModelExchange {
		t.Fatalf("the saved deck: %v", err)
	}
}
