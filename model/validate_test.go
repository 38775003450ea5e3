package model

import (
	"math"
	"strings"
	"testing"
)

func valid() *Scenario {
	st := func(p, s float64) map[string]Stance { return map[string]Stance{"scope": {Position: p, Salience: s}} }
	return &Scenario{
		Name:   "Test",
		Issues: []Issue{{Key: "scope", Name: "Scope", StatusQuo: 10}},
		Actors: []Actor{
			{Name: "United States", Label: "USA", Capability: 90, Stances: st(85, 80)},
			{Name: "Supreme Leader", Label: "Leader", Capability: 70, Stances: st(5, 90)},
			{Name: "Oman", Capability: 10, Stances: st(30, 60)},
		},
	}
}

func TestValidate(t *testing.T) {
	if errs := Validate(valid()); len(errs) != 0 {
		t.Fatalf("valid scenario refused: %v", errs)
	}
	cases := []struct {
		name   string
		edit   func(s *Scenario)
		where  string
		rule   string
		inText string
	}{
		{"ErrPositionAbove100", func(s *Scenario) { s.Actors[0].Stances["scope"] = Stance{Position: 101, Salience: 5} }, `actor "United States" on "Scope" position`, RuleScale, "101"},
		{"ErrPositionNegative", func(s *Scenario) { s.Actors[1].Stances["scope"] = Stance{Position: -0.5, Salience: 5} }, `actor "Supreme Leader" on "Scope" position`, RuleScale, "-0.5"},
		{"ErrSalienceNaN", func(s *Scenario) { s.Actors[2].Stances["scope"] = Stance{Position: 5, Salience: math.NaN()} }, `actor "Oman" on "Scope" salience`, RuleFinite, "NaN"},
		{"ErrNegativeCapability", func(s *Scenario) { s.Actors[2].Capability = -1 }, `actor "Oman" capability`, RuleNonNeg, "negative"},
		{"ErrInfiniteCapability", func(s *Scenario) { s.Actors[2].Capability = math.Inf(1) }, `actor "Oman" capability`, RuleFinite, "finite"},
		{"ErrDuplicateActorName", func(s *Scenario) { s.Actors[2].Name = "United States" }, `actor "United States" name`, RuleUnique, "already called"},
		{"ErrEmptyActorName", func(s *Scenario) { s.Actors[1].Name = "  " }, `actor "  " name`, RuleRequired, "required"},
		{"ErrEmptyScenarioName", func(s *Scenario) { s.Name = "" }, "scenario name", RuleRequired, "required"},
		{"ErrLabelTooLong", func(s *Scenario) { s.Actors[0].Label = "Washington" }, `actor "United States" label`, RuleLabelLen, "Washington"},
		{"ErrRangeExcludesValue", func(s *Scenario) {
			st := s.Actors[0].Stances["scope"]
			st.PositionRange = &Range{Low: 10, High: 20}
			s.Actors[0].Stances["scope"] = st
		}, `actor "United States" on "Scope" position range`, RuleRange, "does not contain"},
		{"ErrStatusQuoOutOfScale", func(s *Scenario) { s.Issues[0].StatusQuo = 150 }, `issue "Scope" status quo`, RuleScale, "150"},
		{"ErrBadColour", func(s *Scenario) { s.Actors[0].Color = "blue" }, `actor "United States" colour`, RuleColor, "blue"},
		{"ErrDuplicateIssueKey", func(s *Scenario) { s.Issues = append(s.Issues, Issue{Key: "scope", Name: "Other"}) }, `issue "Other" key`, RuleUnique, "scope"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := valid()
			c.edit(s)
			errs := Validate(s)
			if len(errs) == 0 {
				t.Fatal("accepted")
			}
			e, ok := errs[0].(*Error)
			if !ok {
				t.Fatalf("error %T is not *model.Error", errs[0])
			}
			if e.Code != EINVALID || e.Where != c.where || e.Rule != c.rule || !strings.Contains(e.Message, c.inText) {
				t.Fatalf("got code %q where %q rule %q message %q; want where %q rule %q containing %q", e.Code, e.Where, e.Rule, e.Message, c.where, c.rule, c.inText)
			}
		})
	}
}

func TestWeightedMedianAndMean(t *testing.T) {
	// Emissions case at t = 0 (MODELS.md §1.5): mean 7.389956, median 7.
	x := []float64{4, 7, 4, 4, 10, 10, 10, 7, 4, 7}
	c := []float64{0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08}
	s := []float64{80, 40, 20, 80, 60, 60, 90, 10, 100, 70}
	w := make([]float64, len(x))
	for i := range w {
		w[i] = c[i] * s[i]
	}
	m, err := WeightedMean(x, w)
	if err != nil || math.Abs(m-7.389956) > 1e-6 {
		t.Fatalf("mean = %v, %v", m, err)
	}
	lo, hi, err := WeightedMedian(x, w)
	if err != nil || lo != 7 || hi != 7 {
		t.Fatalf("median = %v, %v, %v", lo, hi, err)
	}
	// Exactly half the weight on each side: both medians are reported.
	lo, hi, _ = WeightedMedian([]float64{1, 2, 3, 4}, []float64{1, 1, 1, 1})
	if lo != 2 || hi != 3 {
		t.Fatalf("split median = %v, %v; want 2, 3", lo, hi)
	}
	if _, _, err := WeightedMedian([]float64{1, 2}, []float64{0, 0}); ErrorCode(err) != EDEGENERATE {
		t.Fatalf("zero weights: %v", err)
	}
}

func TestApplyOverrides(t *testing.T) {
	base := valid()
	wi := &Scenario{Name: "What if", Base: "Test", Overrides: []Override{{Actor: "Oman", Field: "capability", Value: 50}, {Actor: "USA", Issue: "scope", Field: "salience", Value: 20}}}
	got, err := ApplyOverrides(base, wi)
	if err != nil {
		t.Fatal(err)
	}
	if got.Actors[2].Capability != 50 || got.Stance(0, 0).Salience != 20 || base.Actors[2].Capability != 10 || base.Stance(0, 0).Salience != 80 {
		t.Fatal("overrides not applied to a copy")
	}
	wi.Overrides = append(wi.Overrides, Override{Actor: "Nobody", Field: "capability", Value: 1})
	if _, err := ApplyOverrides(base, wi); ErrorCode(err) != EINVALID {
		t.Fatalf("unknown actor: %v", err)
	}
}

// A range travels with its value and stays inside the scale.
func TestRangeShift(t *testing.T) {
	st := Stance{Position: 50, PositionRange: &Range{Low: 40, High: 70}}
	st.SetPosition(90)
	if st.PositionRange.Low != 80 || st.PositionRange.High != 100 {
		t.Fatalf("shifted range %+v, want 80-100 (clipped)", *st.PositionRange)
	}
	st.SetPosition(5)
	if r := st.PositionRange; r.Low != 0 || r.High != 15 || !(r.Low <= 5 && 5 <= r.High) {
		t.Fatalf("shifted range %+v, want 0-15", *r)
	}
	var none Stance
	none.SetSalience(30)
	if none.SalienceRange != nil || none.Salience != 30 {
		t.Fatal("a stance without a range grew one")
	}
}

// A what-if can be stored only when its overrides say everything that
// differs from the base; a renamed label would be lost, so it is refused.
func TestCheckWhatIf(t *testing.T) {
	base := valid()
	s := base.Clone()
	s.Name = "What if"
	s.Actors[2].SetCapability(40)
	st := s.Stance(0, 0)
	st.SetSalience(10)
	s.SetStance(0, 0, st)
	ov, err := CheckWhatIf(base, s)
	if err != nil || len(ov) != 2 {
		t.Fatalf("overrides %v, %v", ov, err)
	}
	s.Actors[1].Label = "Khamenei"
	if _, err := CheckWhatIf(base, s); ErrorCode(err) != EINVALID {
		t.Fatalf("a label change on a what-if: %v", err)
	}
}

// Validation says structurally where each problem sits (actor, issue,
// field), for the codecs to translate to file:line:column and the data
// editor to a cell; the settings' limits live in CheckSettings only.
func TestValidateLocations(t *testing.T) {
	sc := &Scenario{Name: "x", Issues: []Issue{{Key: "a", Name: "A"}, {Key: "b", Name: "B"}},
		Actors: []Actor{{Name: "P", Capability: 1, Stances: map[string]Stance{"a": {Position: 1, Salience: 1}, "b": {Position: 101, Salience: 1}}}}}
	errs := Validate(sc)
	if len(errs) != 1 {
		t.Fatalf("%d problems: %v", len(errs), errs)
	}
	e := errs[0].(*Error)
	if e.Loc == nil || *e.Loc != (Loc{Actor: 0, Issue: 1, Field: "position"}) || e.Rule != RuleScale {
		t.Fatalf("location %+v, rule %q", e.Loc, e.Rule)
	}
	err := CheckSettings(Settings{BDMQ: 2})
	if e, ok := err.(*Error); !ok || e.Loc == nil || e.Loc.Field != "settings.bdm_q" {
		t.Fatalf("settings error %v", err)
	}
}

// An unset stance (a new actor's, before the analyst sets it) is valid: it
// is left out of the models, not refused.
func TestUnsetStanceIsValid(t *testing.T) {
	s := valid()
	delete(s.Actors[2].Stances, "scope")
	if errs := Validate(s); errs != nil {
		t.Fatalf("an unset stance refused: %v", errs)
	}
}
