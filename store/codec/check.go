package codec

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"parley/model"
)

// ref names one field of a scenario, so that each format can say where in its
// file that field was written (a CSV cell, a JSON value, an XML element).
type ref struct {
	kind  string // "scenario", "issue", "anchor", "actor", "stance", "override"
	i, j  int    // issue, actor or override index; anchor index in j
	key   string // the issue key of a stance
	field string // the JSON name of the field ("capability", "position_range.low"); "" = the whole thing
}

// locator returns the place of a ref in its file (or the closest place it knows).
type locator func(ref) place

// placed puts a model check's error at p.
func placed(p place, err error) error {
	var e *model.Error
	if err == nil || !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Where = p.String()
	return &c
}

var colourRE = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// checkScenario applies every rule of model.Validate, in file order, and
// reports the first problem at the place loc gives for it. model.Validate runs
// last as a guard.
func checkScenario(sc *model.Scenario, loc locator) error {
	at := func(kind string, i, j int, key, field string) place {
		return loc(ref{kind: kind, i: i, j: j, key: key, field: field})
	}
	if err := placed(at("scenario", 0, 0, "", "name"), model.CheckName("", sc.Name)); err != nil {
		return prefix(err, "scenario name")
	}
	if len(sc.Issues) > model.MaxIssues {
		return model.Invalid(at("issue", model.MaxIssues, 0, "", "key").String(), model.RuleMaxIssues, "more than %d issues; Parley handles at most %d", model.MaxIssues, model.MaxIssues)
	}
	if len(sc.Actors) > model.MaxActors {
		return model.Invalid(at("scenario", 0, 0, "", "actors").String(), model.RuleMaxActors, "%d actors; Parley handles at most %d", len(sc.Actors), model.MaxActors)
	}
	if err := checkSettings(sc.Settings, func(field string) place { return at("scenario", 0, 0, "", "settings."+field) }); err != nil {
		return err
	}
	issueKeys := map[string]int{}
	issueNames := map[string]int{}
	for i, is := range sc.Issues {
		subj := fmt.Sprintf("issue %d", i+1)
		if is.Name != "" {
			subj = "issue " + model.Quote(is.Name)
		}
		if err := placed(at("issue", i, 0, "", "key"), model.CheckName("", is.Key)); err != nil {
			return prefix(err, subj+" key")
		}
		if err := placed(at("issue", i, 0, "", "name"), model.CheckName("", is.Name)); err != nil {
			return prefix(err, subj+" name")
		}
		if k, dup := issueKeys[is.Key]; dup {
			return model.Invalid(at("issue", i, 0, "", "key").String(), model.RuleUnique, "a second issue with the key %s (the first is at %s)", model.Quote(is.Key), at("issue", k, 0, "", "key"))
		}
		// Look-alike names (case or Unicode form only apart) are one name (model.NameKey).
		if k, dup := issueNames[model.NameKey(is.Name)]; dup {
			rule := model.RuleUnique
			if sc.Issues[k].Name != is.Name {
				rule = model.RuleLookAlike
			}
			return model.Invalid(at("issue", i, 0, "", "name").String(), rule, "a second issue called %s (the first, %s, is at %s)", model.Quote(is.Name), model.Quote(sc.Issues[k].Name), at("issue", k, 0, "", "name"))
		}
		issueKeys[is.Key], issueNames[model.NameKey(is.Name)] = i, i
		if err := placed(at("issue", i, 0, "", "status_quo"), model.CheckScale("", is.StatusQuo)); err != nil {
			return prefix(err, subj+" status quo")
		}
		for j, a := range is.Anchors {
			if err := placed(at("anchor", i, j, "", "at"), model.CheckScale("", a.At)); err != nil {
				return prefix(err, fmt.Sprintf("%s anchor %d", subj, j+1))
			}
		}
	}
	names := map[string]int{}
	for i, a := range sc.Actors {
		subj := fmt.Sprintf("actor %d", i+1)
		if a.Name != "" {
			subj = "actor " + model.Quote(a.Name)
		}
		f := func(field string) place { return at("actor", i, 0, "", field) }
		if err := placed(f("name"), model.CheckName("", a.Name)); err != nil {
			return prefix(err, subj+" name")
		}
		if k, dup := names[model.NameKey(a.Name)]; dup {
			rule := model.RuleUnique
			if sc.Actors[k].Name != a.Name {
				rule = model.RuleLookAlike
			}
			return model.Invalid(f("name").String(), rule, "a second actor called %s (the first, %s, is at %s)", model.Quote(a.Name), model.Quote(sc.Actors[k].Name), at("actor", k, 0, "", "name"))
		}
		names[model.NameKey(a.Name)] = i
		if err := placed(f("label"), model.CheckLabel("", a.Label)); err != nil {
			return prefix(err, subj)
		}
		if a.Color != "" && !colourRE.MatchString(a.Color) {
			return model.Invalid(f("color").String(), model.RuleColor, "%s: %s is not a colour like #1f77b4", subj, model.Quote(a.Color))
		}
		if err := placed(f("capability"), model.CheckCapability("", a.Capability)); err != nil {
			return prefix(err, subj)
		}
		if err := checkRange(f, "capability", a.Capability, a.CapabilityRange, model.CheckCapability, func(field string) string { return subj + " " + field }); err != nil {
			return err
		}
		for _, is := range sc.Issues {
			st, ok := a.Stances[is.Key]
			sf := func(field string) place { return at("stance", i, 0, is.Key, field) }
			ssubj := func(field string) string {
				return strings.TrimSpace(fmt.Sprintf("%s on %s %s", subj, model.Quote(is.Name), field))
			}
			if !ok {
				continue // an unset stance: left out of every model until the analyst sets it
			}
			if err := placed(sf("position"), model.CheckScale("", st.Position)); err != nil {
				return prefix(err, ssubj("position"))
			}
			if err := checkRange(sf, "position", st.Position, st.PositionRange, model.CheckScale, ssubj); err != nil {
				return err
			}
			if err := placed(sf("salience"), model.CheckScale("", st.Salience)); err != nil {
				return prefix(err, ssubj("salience"))
			}
			if err := checkRange(sf, "salience", st.Salience, st.SalienceRange, model.CheckScale, ssubj); err != nil {
				return err
			}
		}
		for _, k := range model.SortedIssueKeys(a.Stances) {
			if _, ok := issueKeys[k]; !ok {
				return model.Invalid(at("stance", i, 0, k, "").String(), model.RuleKnownIssue, "%s has a stance on %s, which is not an issue of this scenario", subj, model.Quote(k))
			}
		}
	}
	return guard(sc, loc(ref{kind: "file"}).String())
}

// checkSettings refuses model settings that no engine can use, by the
// limits of model.CheckSettings (one place), at the place they were read.
func checkSettings(st model.Settings, loc func(field string) place) error {
	err := model.CheckSettings(st)
	var me *model.Error
	if errors.As(err, &me) && me.Loc != nil {
		e := *me
		e.Where = loc(strings.TrimPrefix(me.Loc.Field, "settings.")).String()
		return &e
	}
	return err
}

func checkRange(loc func(string) place, field string, v float64, r *model.Range, check func(string, float64) error, subj func(string) string) error {
	if r == nil {
		return nil
	}
	if err := placed(loc(field+"_range.low"), check("", r.Low)); err != nil {
		return prefix(err, subj(field+" low"))
	}
	if err := placed(loc(field+"_range.high"), check("", r.High)); err != nil {
		return prefix(err, subj(field+" high"))
	}
	if !(r.Low <= v && v <= r.High) {
		return model.Invalid(loc(field+"_range").String(), model.RuleRange, "%s: the range %g-%g does not contain the value %g", subj(field), r.Low, r.High, v)
	}
	return nil
}

// checkWhatIf checks a what-if's overrides against its base scenario.
func checkWhatIf(base, wi *model.Scenario, loc locator) error {
	at := func(j int, field string) place { return loc(ref{kind: "override", i: j, field: field}) }
	for j, o := range wi.Overrides {
		subj := fmt.Sprintf("what-if %s override %d", model.Quote(wi.Name), j+1)
		if base.ActorIndex(o.Actor) < 0 {
			return model.Invalid(at(j, "actor").String(), RuleKnownActor, "%s: no actor %s in base scenario %s", subj, model.Quote(o.Actor), model.Quote(base.Name))
		}
		switch o.Field {
		case "capability":
			if err := placed(at(j, "value"), model.CheckCapability("", o.Value)); err != nil {
				return prefix(err, subj)
			}
		case "position", "salience":
			if base.IssueIndex(o.Issue) < 0 {
				return model.Invalid(at(j, "issue").String(), model.RuleKnownIssue, "%s: no issue %s in base scenario %s", subj, model.Quote(o.Issue), model.Quote(base.Name))
			}
			if err := placed(at(j, "value"), model.CheckScale("", o.Value)); err != nil {
				return prefix(err, subj+" "+o.Field)
			}
		default:
			return model.Invalid(at(j, "field").String(), "override field", "%s: field must be capability, position or salience, not %s", subj, model.Quote(o.Field))
		}
	}
	if len(wi.Actors) == 0 {
		resolved, err := model.ApplyOverrides(base, wi)
		if err != nil {
			return relocate(err, loc(ref{kind: "scenario"}).String())
		}
		return guard(resolved, loc(ref{kind: "scenario"}).String())
	}
	return nil
}

// guard runs model.Validate; anything it still finds is reported at where.
func guard(sc *model.Scenario, where string) error {
	if errs := model.Validate(sc); len(errs) > 0 {
		return relocate(errs[0], where)
	}
	return nil
}

// relocate puts where in front of a model error's own Where.
func relocate(err error, where string) error {
	var e *model.Error
	if !errors.As(err, &e) {
		return &model.Error{Code: model.EINTERNAL, Where: where, Message: "unexpected error", Err: err}
	}
	c := *e
	if c.Where != "" {
		c.Where = where + ": " + c.Where
	} else {
		c.Where = where
	}
	return &c
}
