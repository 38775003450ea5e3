package codec

import (
	"fmt"
	"strconv"
	"strings"

	"parley/model"
)

// ktabRaw is a KTAB scenario as read, every value still text with its place,
// so that the CSV and the XML reader share one set of rules (MODELS.md §2.2).
type ktabRaw struct {
	name, desc cell
	dims       []cell
	actorsAt   place // where the actor list (or its declared count) is
	actors     []ktabActor
}

type ktabActor struct {
	where                  place
	name, desc, capability cell
	pos, sal               []cell
}

// build checks every KTAB rule and makes the scenario: dimensions become issues
// (key = slug of the name), descriptions become notes, power becomes capability.
func (k *ktabRaw) build(s *src) (*model.Scenario, error) {
	// KTAB reads a scenario name of any length (its own ktab_SOE-Pol-Comp.csv
	// has 32 characters): 25 is its limit on actor names only. Parley's own
	// limit on names (model.MaxNameLen) still applies.
	if k.name.text == "" {
		return nil, model.Invalid(k.name.where.String(), RuleKTABName, "the scenario name is empty")
	}
	if runeLen(k.desc.text) > ktabMaxDesc {
		return nil, model.Invalid(k.desc.where.String(), RuleKTABDesc, "the description has %d characters; KTAB allows %d", runeLen(k.desc.text), ktabMaxDesc)
	}
	if len(k.dims) == 0 {
		return nil, model.Invalid(k.actorsAt.String(), RuleDimensions, "the scenario has no dimensions (issues)")
	}
	if n := len(k.actors); n < ktabMinActors || n > ktabMaxActors {
		return nil, model.Invalid(k.actorsAt.String(), RuleActorCount, "%d actors; KTAB scenarios have 3 to 250", n)
	}
	dimNames := make([]string, len(k.dims))
	for d, c := range k.dims {
		dimNames[d] = c.text
		if dimNames[d] == "" {
			dimNames[d] = fmt.Sprintf("Dimension %d", d+1)
		}
		if err := placed(c.where, model.CheckName("", dimNames[d])); err != nil {
			return nil, prefix(err, fmt.Sprintf("dimension %d", d+1))
		}
		for e := range d {
			if dimNames[e] == dimNames[d] {
				return nil, model.Invalid(c.where.String(), model.RuleUnique, "dimension %d is also called %q", e+1, dimNames[d])
			}
		}
	}
	keys := uniqueKeys(dimNames)
	sc := &model.Scenario{Name: k.name.text, Description: k.desc.text}
	for d := range k.dims {
		sc.Issues = append(sc.Issues, model.Issue{Key: keys[d], Name: dimNames[d]})
	}
	l := newLocs(s)
	l.cells(ref{kind: "scenario"}, k.name.where, map[string]cell{"name": k.name, "actors": {where: k.actorsAt}})
	for d, c := range k.dims {
		l.cells(ref{kind: "issue", i: d}, c.where, nil)
	}
	names := make([]string, len(k.actors))
	seen := map[string]place{}
	for i, a := range k.actors {
		names[i] = a.name.text
		if err := ktabName(a.name, "actor name"); err != nil {
			return nil, err
		}
		if first, dup := seen[a.name.text]; dup {
			return nil, model.Invalid(a.name.where.String(), model.RuleUnique, "a second actor called %q (the first is at %s)", a.name.text, first)
		}
		seen[a.name.text] = a.name.where
		subj := "actor " + quoteName(a.name.text) // only for messages below
		if runeLen(a.desc.text) > ktabMaxDesc {
			return nil, model.Invalid(a.desc.where.String(), RuleKTABDesc, "%s: the description has %d characters; KTAB allows %d", subj, runeLen(a.desc.text), ktabMaxDesc)
		}
		c, err := number(a.capability, what{field: "capability", actor: a.name.text})
		if err != nil {
			return nil, err
		}
		if err := placed(a.capability.where, model.CheckCapability("", c)); err != nil {
			return nil, prefix(err, subj)
		}
		act := model.Actor{Name: a.name.text, Notes: a.desc.text, Capability: c, Stances: map[string]model.Stance{}}
		sum := 0.0
		for d := range k.dims {
			p, err := number(a.pos[d], what{field: "position", actor: a.name.text, issue: dimNames[d]})
			if err != nil {
				return nil, err
			}
			if err := placed(a.pos[d].where, model.CheckScale("", p)); err != nil {
				return nil, prefix(err, fmt.Sprintf("%s on %q position", subj, dimNames[d]))
			}
			v, err := number(a.sal[d], what{field: "salience", actor: a.name.text, issue: dimNames[d]})
			if err != nil {
				return nil, err
			}
			if err := placed(a.sal[d].where, model.CheckScale("", v)); err != nil {
				return nil, prefix(err, fmt.Sprintf("%s on %q salience", subj, dimNames[d]))
			}
			sum += v
			act.Stances[keys[d]] = model.Stance{Position: p, Salience: v}
		}
		if sum > ktabMaxSalSum+salSumEpsilon {
			return nil, model.Invalid(a.sal[0].where.String(), RuleSalienceSum, "%s: the saliences sum to %g; KTAB needs at most 100 over all dimensions", subj, sum)
		}
		sc.Actors = append(sc.Actors, act)
		l.cells(ref{kind: "actor", i: i}, a.where, map[string]cell{"name": a.name, "capability": a.capability})
	}
	// A stance's place: its position and salience cells, found through the actor's row.
	for i, a := range k.actors {
		for d := range k.dims {
			pos, sal := a.pos[d].where, a.sal[d].where
			l.m[ref{kind: "stance", i: i, key: keys[d]}] = entry{where: pos, field: func(f string) (place, bool) {
				switch f {
				case "position":
					return pos, true
				case "salience":
					return sal, true
				}
				return place{}, false
			}}
		}
	}
	labels := deriveLabels(names)
	for i := range sc.Actors {
		sc.Actors[i].Label = labels[i]
	}
	if err := checkScenario(sc, l.locate); err != nil {
		return nil, err
	}
	return sc, nil
}

func ktabName(c cell, what string) error {
	n := runeLen(c.text)
	if n == 0 {
		return model.Invalid(c.where.String(), RuleKTABName, "the %s is empty", what)
	}
	if n > ktabMaxName {
		return model.Invalid(c.where.String(), RuleKTABName, "the %s %q has %d characters; KTAB allows 25", what, c.text, n)
	}
	return nil
}

// ktabOut is a scenario fitted to KTAB's rules for export.
type ktabOut struct {
	name, desc string
	dims       []string
	actors     []ktabOutActor
	warnings   []string
}

type ktabOutActor struct {
	name, desc string
	capability float64
	pos, sal   []float64
}

// ktabExport fits s to KTAB: names cut to 25 characters (and kept unique),
// descriptions to 256, each actor's saliences scaled down proportionally when
// they sum above 100. clean makes text safe for the target syntax.
func ktabExport(s *model.Scenario, clean func(string) string) (*ktabOut, error) {
	if n := len(s.Actors); n < ktabMinActors || n > ktabMaxActors {
		return nil, model.Invalid(fmt.Sprintf("scenario %q", s.Name), RuleActorCount, "the scenario has %d actors; KTAB needs 3 to 250", n)
	}
	if len(s.Issues) == 0 {
		return nil, model.Invalid(fmt.Sprintf("scenario %q", s.Name), RuleDimensions, "the scenario has no issues; KTAB needs at least one dimension")
	}
	o := &ktabOut{}
	warnf := func(format string, args ...any) { o.warnings = append(o.warnings, fmt.Sprintf(format, args...)) }
	fit := func(text string, max int, what string) string {
		c := strings.TrimSpace(clean(text))
		if c != strings.TrimSpace(text) {
			warnf("%s %s: characters KTAB cannot read were replaced", what, quoteName(text))
		}
		if runeLen(c) > max {
			warnf("%s %s cut to %d characters for KTAB", what, quoteName(text), max)
			c = strings.TrimSpace(cutRunes(c, max))
		}
		return c
	}
	o.name = fit(s.Name, ktabMaxName, "scenario name")
	if o.name == "" {
		o.name = "Scenario"
	}
	o.desc = fit(s.Description, ktabMaxDesc, "scenario description")
	for i, is := range s.Issues {
		d := fit(is.Name, model.MaxNameLen, "issue name")
		if d == "" {
			d = fmt.Sprintf("Dimension %d", i+1)
		}
		o.dims = append(o.dims, d)
	}
	for _, is := range s.Issues {
		hi := 0.0
		for _, a := range s.Actors {
			hi = max(hi, a.Stances[is.Key].Position)
		}
		if hi > 0 && hi <= 1 {
			warnf("issue %q: every position lies within 0-1; KTAB reads positions on 0-100", is.Name)
		}
	}
	used := map[string]bool{}
	for _, a := range s.Actors {
		name := fit(a.Name, ktabMaxName, "actor name")
		if name == "" {
			name = "Actor"
		}
		if used[name] {
			for k := 2; ; k++ {
				suf := "-" + strconv.Itoa(k)
				c := strings.TrimSpace(cutRunes(name, ktabMaxName-len(suf))) + suf
				if !used[c] {
					warnf("actor %q is called %q in KTAB to keep names unique", a.Name, c)
					name = c
					break
				}
			}
		}
		used[name] = true
		if a.Capability > model.MaxCapability {
			return nil, model.Invalid(fmt.Sprintf("actor %q capability", a.Name), model.RuleMaxCap, "capability %g is above 1e8", a.Capability)
		}
		oa := ktabOutActor{name: name, desc: fit(a.Notes, ktabMaxDesc, "notes of actor"), capability: a.Capability}
		sum := 0.0
		for _, is := range s.Issues {
			st, set := a.Stances[is.Key]
			if !set {
				// KTAB needs every stance: an unset one goes out at salience 0
				// (no weight), at the issue's status quo.
				st = model.Stance{Position: is.StatusQuo}
				warnf("actor %q has no stance on %q: written at the status quo with salience 0 (KTAB needs every stance)", a.Name, is.Name)
			}
			oa.pos = append(oa.pos, st.Position)
			oa.sal = append(oa.sal, st.Salience)
			sum += st.Salience
		}
		if sum > ktabMaxSalSum {
			f := ktabMaxSalSum / sum
			for d := range oa.sal {
				oa.sal[d] *= f
			}
			warnf("actor %q: saliences summed to %g; scaled by %.4g so that they sum to 100 as KTAB requires", a.Name, sum, f)
		}
		o.actors = append(o.actors, oa)
	}
	return o, nil
}
