package model

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func deckScenario() *Scenario {
	return &Scenario{Name: "Muscat", Issues: []Issue{
		{Key: "scope", Name: "Scope of the agenda"},
		{Key: "heu", Name: "HEU stockpile disposition"},
		{Key: "format", Name: "Format of the talks"},
	}}
}

// The default deck opens with the bottom line across issues, briefs every
// issue on a stance map, then coalitions and trajectories; every slide has a
// title (no analyst takeaway: Parley's reading is generated when shown), and
// it validates.
func TestDefaultDeck(t *testing.T) {
	sc := deckScenario()
	d := DefaultDeck(sc)
	var kinds []string
	for _, s := range d.Slides {
		kinds = append(kinds, s.Chart.Kind+":"+s.Chart.Issue)
		if s.Title == "" || s.Takeaway != "" {
			t.Errorf("slide %+v lacks a title or carries an analyst takeaway", s)
		}
	}
	want := "summary: stance:scope stance:heu stance:format coalition:scope trajectory:scope exchanges:"
	if got := strings.Join(kinds, " "); got != want {
		t.Fatalf("default deck %s, want %s", got, want)
	}
	if d.Slides[4].Title != "Coalitions on scope of the agenda" || d.Slides[0].Title != "Bottom line" {
		t.Errorf("coalition title %q, first slide %q", d.Slides[4].Title, d.Slides[0].Title)
	}
	if err := d.Validate(sc); err != nil {
		t.Fatal(err)
	}
	if x := d.Slides[6].Chart; x.Model != ModelExchange || x.Round != 1 {
		t.Errorf("exchanges slide %+v: want the exchange model's round 1", x)
	}
	if len(DefaultDeck(&Scenario{Name: "empty"}).Slides) != 0 {
		t.Error("a scenario without issues gets slides")
	}
}

// A deck survives a JSON round trip with its field names fixed.
func TestDeckJSON(t *testing.T) {
	d := Deck{Name: "Minister, Monday", Slides: []Slide{
		{Chart: ChartSpec{Kind: ChartStance2D, Issue: "scope", Issue2: "heu", Model: ModelSMP, Round: 3}, Title: "Scope × stockpile", Takeaway: "Tehran’s line holds"},
	}}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"name":"Minister, Monday","slides":[{"chart":{"kind":"stance2d","issue":"scope","issue2":"heu","model":"smp","round":3},"title":"Scope × stockpile","takeaway":"Tehran’s line holds"}]}`
	if string(b) != want {
		t.Fatalf("JSON\n%s\nwant\n%s", b, want)
	}
	var back Deck
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, d) {
		t.Fatalf("round trip %+v, %v", back, err)
	}
}

func TestChartSpecValidate(t *testing.T) {
	sc := deckScenario()
	for _, tc := range []struct {
		name string
		spec ChartSpec
		code string
	}{
		{"OK", ChartSpec{Kind: ChartStance, Issue: "Scope of the agenda"}, ""},
		{"ErrUnknownKind", ChartSpec{Kind: "pie"}, EINVALID},
		{"ErrUnknownModel", ChartSpec{Kind: ChartStance, Model: "oracle"}, EINVALID},
		{"ErrNegativeRound", ChartSpec{Kind: ChartTrajectory, Round: -1}, EINVALID},
		{"ErrUnknownIssue", ChartSpec{Kind: ChartStance, Issue: "missiles"}, ENOTFOUND},
		{"ErrUnknownIssue2", ChartSpec{Kind: ChartStance2D, Issue: "scope", Issue2: "missiles"}, ENOTFOUND},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.spec.Validate(sc)
			if ErrorCode(err) != tc.code {
				t.Fatalf("%+v: %v, want code %q", tc.spec, err, tc.code)
			}
		})
	}
	d := Deck{Slides: []Slide{{Chart: ChartSpec{Kind: ChartStance}}, {Chart: ChartSpec{Kind: "pie"}}}}
	if err := d.Validate(sc); err == nil || !strings.HasPrefix(ErrorMessage(err), "slide 2 chart: unknown chart") {
		t.Fatalf("deck error %v, want it to name slide 2", err)
	}
}
