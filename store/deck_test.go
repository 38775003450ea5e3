package store

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"parley/model"
)

// TestDeckRoundTrip: the briefing built on a scenario comes back slide for
// slide, and saving again replaces it.
func TestDeckRoundTrip(t *testing.T) {
	s := newStore(t)
	sc := sample()
	if err := s.SaveScenario(sc); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadDeck(sc.Name); model.ErrorCode(err) != model.ENOTFOUND || !strings.Contains(err.Error(), "no saved briefing deck") {
		t.Fatalf("before any deck: %v", err)
	}
	d := model.DefaultDeck(sc)
	d.Slides[0].Chart.Round = 3
	d.Slides = append(d.Slides, model.Slide{Chart: model.ChartSpec{Kind: model.ChartStance2D, Issue: "scope", Issue2: "format", Model: model.ModelSMP}, Title: "Scope × format", Takeaway: "“Oman” in the middle"})
	if err := s.SaveDeck(sc.Name, &d); err != nil {
		t.Fatal(err)
	}
	got, err := s.LoadDeck(sc.Name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*got, d) {
		t.Fatalf("deck came back as\n %+v\nwant %+v", *got, d)
	}
	// The deck stays with the scenario through a resave and a rename.
	if err := s.SaveScenario(sc); err != nil {
		t.Fatal(err)
	}
	if err := s.RenameScenario(sc.Name, "Muscat renamed"); err != nil {
		t.Fatal(err)
	}
	if got, err := s.LoadDeck("Muscat renamed"); err != nil || len(got.Slides) != len(d.Slides) {
		t.Fatalf("after resave and rename: %v, %v", got, err)
	}
	// Saving again replaces.
	short := model.Deck{Name: "Short"}
	if err := s.SaveDeck("Muscat renamed", &short); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.LoadDeck("Muscat renamed"); got.Name != "Short" || len(got.Slides) != 0 {
		t.Fatalf("after replacing: %+v", got)
	}
	if n := count(t, s.DB(), "SELECT count(*) FROM deck"); n != 1 {
		t.Fatalf("%d decks stored, want 1", n)
	}
}

// TestDeckOnWhatIf: a what-if's deck may use its base's issues.
func TestDeckOnWhatIf(t *testing.T) {
	s := newStore(t)
	base := sample()
	wi := &model.Scenario{Name: "Oman steps up", Base: base.Name, Overrides: []model.Override{{Actor: "Oman", Field: "capability", Value: 40}}}
	if err := s.SaveFile([]*model.Scenario{base, wi}); err != nil {
		t.Fatal(err)
	}
	d := model.Deck{Name: "What if", Slides: []model.Slide{{Chart: model.ChartSpec{Kind: model.ChartCoalition, Issue: "format"}}}}
	if err := s.SaveDeck(wi.Name, &d); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadDeck(base.Name); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("the base got the what-if's deck: %v", err)
	}
}

func TestSaveDeckRefusedWritesNothing(t *testing.T) {
	s := newStore(t)
	sc := sample()
	if err := s.SaveScenario(sc); err != nil {
		t.Fatal(err)
	}
	good := model.Deck{Name: "Good", Slides: []model.Slide{{Chart: model.ChartSpec{Kind: model.ChartStance, Issue: "scope"}}}}
	if err := s.SaveDeck(sc.Name, &good); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		scenario string
		deck     *model.Deck
		code     string
		says     string
	}{
		"ErrUnknownIssue": {sc.Name, &model.Deck{Slides: []model.Slide{{Chart: model.ChartSpec{Kind: model.ChartStance}}, {Chart: model.ChartSpec{Kind: model.ChartStance, Issue: "missiles"}}}}, model.ENOTFOUND, "missiles"},
		"ErrUnknownChart": {sc.Name, &model.Deck{Slides: []model.Slide{{Chart: model.ChartSpec{Kind: "pie"}}}}, model.EINVALID, "slide 1"},
		"ErrNoScenario":   {"nope", &good, model.ENOTFOUND, "nope"},
		"ErrNoDeck":       {sc.Name, nil, model.EINVALID, "no deck"},
	} {
		t.Run(name, func(t *testing.T) {
			err := s.SaveDeck(c.scenario, c.deck)
			if model.ErrorCode(err) != c.code || !strings.Contains(err.Error(), c.says) {
				t.Fatalf("got %v, want a %s error about %q", err, c.code, c.says)
			}
			if got, _ := s.LoadDeck(sc.Name); got.Name != "Good" {
				t.Fatalf("a refused deck replaced the saved one: %+v", got)
			}
		})
	}
}

// TestRunsRoundTrip: a stored run gives back exactly what is needed to draw
// its chart again, runs listed oldest first.
func TestRunsRoundTrip(t *testing.T) {
	s := newStore(t)
	sc := sample()
	if err := s.SaveScenario(sc); err != nil {
		t.Fatal(err)
	}
	if runs, err := s.Runs(sc.Name); err != nil || len(runs) != 0 {
		t.Fatalf("runs before any: %v, %v", runs, err)
	}
	t0 := time.Date(2026, 11, 27, 9, 30, 0, 0, time.FixedZone("GST", 4*3600))
	in := []Run{
		{Model: "smp", Options: `{"turns": 100}`, Fingerprint: "sha256:bb", Results: `{"scope": [15.5, 20]}`, Created: t0.Add(time.Second)},
		{Model: "bdm", Options: ` {"q":1,"rounds":10} `, Fingerprint: "sha256:aa", Results: `{"scope": 22.25}`, Created: t0.Add(500 * time.Millisecond)},
		{Model: "bdm", Fingerprint: "sha256:cc", Results: `[]`}, // no options, stamped by the clock
	}
	for _, r := range in {
		if err := s.SaveRun(sc.Name, r); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.Runs(sc.Name)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("%d runs, want 3", len(got))
	}
	// Oldest first: 09:30:00.5 GST, 09:30:01 GST, then the clock's 12:00 UTC.
	want := []Run{in[1], in[0], in[2]}
	want[2].Options, want[2].Created = "{}", fixedClock()
	for i, r := range got {
		w := want[i]
		if r.ID == 0 || r.Model != w.Model || r.Options != w.Options || r.Fingerprint != w.Fingerprint || r.Results != w.Results || !r.Created.Equal(w.Created) {
			t.Errorf("run %d = %+v, want %+v", i+1, r, w)
		}
	}
	if _, err := s.Runs("nope"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("runs of an unknown scenario: %v", err)
	}
}

func TestSaveRunRefusesBadInput(t *testing.T) {
	s := newStore(t)
	sc := sample()
	if err := s.SaveScenario(sc); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct {
		scenario string
		run      Run
		code     string
	}{
		"ErrModelRequired":       {sc.Name, Run{Fingerprint: "f", Results: "{}"}, model.EINVALID},
		"ErrFingerprintRequired": {sc.Name, Run{Model: "bdm", Results: "{}"}, model.EINVALID},
		"ErrOptionsNotJSON":      {sc.Name, Run{Model: "bdm", Fingerprint: "f", Options: "rounds=10", Results: "{}"}, model.EINVALID},
		"ErrResultsNotJSON":      {sc.Name, Run{Model: "bdm", Fingerprint: "f", Results: ""}, model.EINVALID},
		"ErrNoScenario":          {"nope", Run{Model: "bdm", Fingerprint: "f", Results: "{}"}, model.ENOTFOUND},
	} {
		t.Run(name, func(t *testing.T) {
			if err := s.SaveRun(c.scenario, c.run); model.ErrorCode(err) != c.code {
				t.Fatalf("got %v, want %s", err, c.code)
			}
		})
	}
	if n := count(t, s.DB(), "SELECT count(*) FROM run"); n != 0 {
		t.Fatalf("refused runs stored: %d", n)
	}
}
