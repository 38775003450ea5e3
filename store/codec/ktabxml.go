package codec

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"parley/model"
)

// xnode is one XML element with where it starts.
type xnode struct {
	name     string
	off      int    // byte offset of its '<'
	path     string // "/Scenario/Actors/Actor[2]"
	text     strings.Builder
	children []*xnode
}

// ktabDefaults are the SMP parameters Parley runs with (MODELS.md §2).
var ktabDefaults = map[string]string{
	"VictoryProbModel": "Linear",
	"PCEModel":         "Conditional",
	"StateTransitions": "Deterministic",
	"VotingRule":       "Prop",
	"BigRRange":        "Mid",
	"BigRAdjust":       "OneThird",
	"ThirdPartyCommit": "SemiCommit",
	"InterVecBrgn":     "S2P2",
	"BargnModel":       "InitOnlyInterp",
}

// The order KTAB writes its parameters in.
var ktabParamOrder = []string{"VictoryProbModel", "PCEModel", "StateTransitions", "VotingRule", "BigRAdjust", "BigRRange", "ThirdPartyCommit", "InterVecBrgn", "BargnModel"}

// listElems are the elements that repeat; their paths carry an index.
var listElems = map[string]bool{"Actor": true, "dName": true, "dCoord": true, "dSal": true, "iaPair": true}

type xmlReader struct {
	s *src
}

func (x *xmlReader) where(n *xnode) place { return place{s: x.s, off: n.off, path: n.path} }

// parse builds the element tree, refusing malformed XML at its line and
// column, and refusing a file nested deeper than model.MaxXMLDepth or holding
// more than model.MaxXMLElements elements at the element that breaks the
// limit, before anything more is read.
func (x *xmlReader) parse() (*xnode, error) {
	dec := xml.NewDecoder(bytes.NewReader(x.s.data))
	dec.Strict = true
	var stack []*xnode
	var counts []map[string]int // per open element: how many children of each repeating name
	var root *xnode
	elements := 0
	for {
		off := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, x.syntaxError(err, off, int(dec.InputOffset()))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			elements++
			if elements > model.MaxXMLElements {
				return nil, model.Invalid(x.s.at(off), model.RuleXMLElements, "more than %s XML elements; a KTAB scenario of %d actors × %d issues needs about %s",
					model.Thousands(model.MaxXMLElements), model.MaxActors, model.MaxIssues, model.Thousands(2*model.MaxActors*(model.MaxIssues+2)))
			}
			if len(stack) >= model.MaxXMLDepth {
				return nil, model.Invalid(x.s.at(off), model.RuleXMLDepth, "elements nested more than %d deep; KTAB's nest 5 deep (/Scenario/Actors/Actor/Position/dCoord)", model.MaxXMLDepth)
			}
			n := &xnode{name: t.Name.Local, off: off}
			if len(stack) == 0 {
				if root != nil {
					return nil, model.Invalid(x.s.at(off), RuleSyntax, "a second root element <%s> after </%s>", cutRunes(n.name, 40), cutRunes(root.name, 40))
				}
				n.path = "/" + n.name
				root = n
			} else {
				p := stack[len(stack)-1]
				n.path = p.path + "/" + n.name
				if listElems[n.name] {
					c := counts[len(counts)-1]
					if c == nil {
						c = map[string]int{}
						counts[len(counts)-1] = c
					}
					c[n.name]++
					n.path += fmt.Sprintf("[%d]", c[n.name])
				}
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
			counts = append(counts, nil)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
			counts = counts[:len(counts)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			} else if len(bytes.TrimSpace(t)) > 0 {
				return nil, model.Invalid(x.s.at(off), RuleSyntax, "text outside the <Scenario> element")
			}
		}
	}
	if root == nil {
		return nil, model.Invalid(x.s.at(0), model.RuleRequired, "the file has no XML element; KTAB's root is <Scenario>")
	}
	return root, nil
}

// syntaxError places an XML decoding error at its line and column: the
// decoder says the line; the column is the start of the token it was reading
// when that is on the line, else where it stopped reading.
func (x *xmlReader) syntaxError(err error, tokStart, stop int) error {
	var se *xml.SyntaxError
	if !errors.As(err, &se) {
		return model.Invalid(x.s.at(tokStart), RuleSyntax, "XML: %s (save the file as UTF-8)", strings.TrimPrefix(err.Error(), "xml: "))
	}
	at := tokStart
	if l, _ := x.s.pos(at); l != se.Line {
		at = stop // the end of the file, when it ended inside the token
		if stop > tokStart && stop < len(x.s.data) {
			at = stop - 1 // the byte the decoder stopped at
		}
		if l, _ := x.s.pos(at); l != se.Line {
			at = x.s.lineStart(se.Line)
		}
	}
	return model.Invalid(x.s.at(at), RuleSyntax, "XML syntax: %s", se.Msg)
}

// kids returns n's children by name, refusing unknown ones and repeats of
// singletons. allowed maps a child's name to whether it may repeat.
func (x *xmlReader) kids(n *xnode, allowed map[string]bool) (map[string][]*xnode, error) {
	if strings.TrimSpace(n.text.String()) != "" {
		return nil, model.Invalid(x.where(n).String(), RuleKnownElement, "<%s> holds elements, not text", n.name)
	}
	out := map[string][]*xnode{}
	for _, c := range n.children {
		many, ok := allowed[c.name]
		if !ok {
			names := make([]string, 0, len(allowed))
			for k := range allowed {
				names = append(names, "<"+k+">")
			}
			sort.Strings(names)
			return nil, model.Invalid(x.where(c).String(), RuleKnownElement, "unknown element <%s> in <%s>; it may hold %s", cutRunes(c.name, 40), n.name, strings.Join(names, ", "))
		}
		if !many && len(out[c.name]) > 0 {
			return nil, model.Invalid(x.where(c).String(), RuleUniqueKey, "<%s> appears twice in <%s>", c.name, n.name)
		}
		out[c.name] = append(out[c.name], c)
	}
	return out, nil
}

// leaf returns the trimmed text of a text-only element.
func (x *xmlReader) leaf(n *xnode) (cell, error) {
	if len(n.children) > 0 {
		return cell{}, model.Invalid(x.where(n.children[0]).String(), RuleKnownElement, "<%s> holds text, not elements like <%s>", n.name, cutRunes(n.children[0].name, 40))
	}
	// Character references can smuggle in a CR (&#13;), which no other
	// format keeps: line ends become "\n" as everywhere else.
	t := strings.ReplaceAll(strings.ReplaceAll(n.text.String(), "\r\n", "\n"), "\r", "\n")
	return cell{text: strings.TrimSpace(t), where: x.where(n)}, nil
}

func (x *xmlReader) need(parent *xnode, k map[string][]*xnode, name string) (*xnode, error) {
	if len(k[name]) == 0 {
		return nil, model.Invalid(x.where(parent).String(), model.RuleRequired, "<%s> has no <%s>", parent.name, name)
	}
	return k[name][0], nil
}

// readKTABXML reads KTAB's SMP XML scenario (MODELS.md §2.2).
func readKTABXML(s *src) (*Result, error) {
	x := &xmlReader{s: s}
	root, err := x.parse()
	if err != nil {
		return nil, err
	}
	if root.name != "Scenario" {
		return nil, model.Invalid(x.where(root).String(), RuleKnownElement, "the root element is <%s>; KTAB's is <Scenario>", cutRunes(root.name, 40))
	}
	top, err := x.kids(root, map[string]bool{"name": false, "desc": false, "prngSeed": false, "ModelParameters": false, "Dimensions": false, "Actors": false, "IdealAdjustment": false})
	if err != nil {
		return nil, err
	}
	raw := &ktabRaw{desc: cell{where: x.where(root)}}
	var warn, notes []string
	nameEl, err := x.need(root, top, "name")
	if err != nil {
		return nil, err
	}
	if raw.name, err = x.leaf(nameEl); err != nil {
		return nil, err
	}
	if d := top["desc"]; len(d) > 0 {
		if raw.desc, err = x.leaf(d[0]); err != nil {
			return nil, err
		}
	}
	if p := top["prngSeed"]; len(p) > 0 {
		if _, err := x.leaf(p[0]); err != nil {
			return nil, err
		}
	}
	if mp := top["ModelParameters"]; len(mp) > 0 {
		allowed := map[string]bool{}
		for k := range ktabDefaults {
			allowed[k] = false
		}
		params, err := x.kids(mp[0], allowed)
		if err != nil {
			return nil, err
		}
		var odd []string
		for _, name := range ktabParamOrder {
			if len(params[name]) == 0 {
				continue
			}
			c, err := x.leaf(params[name][0])
			if err != nil {
				return nil, err
			}
			if c.text == "" {
				return nil, model.Invalid(c.where.String(), model.RuleRequired, "<%s> is empty", name)
			}
			if c.text != ktabDefaults[name] {
				odd = append(odd, name+"="+c.text)
			}
		}
		if len(odd) > 0 {
			m := "KTAB model parameters in the file that differ from the defaults Parley runs SMP with: " + strings.Join(odd, ", ") + "."
			warn, notes = append(warn, m), append(notes, m)
		}
	}
	if len(top["IdealAdjustment"]) > 0 {
		warn = append(warn, "the file's <IdealAdjustment> (ideal points that differ from positions) was ignored: Parley's SMP takes ideals equal to positions")
	}
	dimsEl, err := x.need(root, top, "Dimensions")
	if err != nil {
		return nil, err
	}
	dk, err := x.kids(dimsEl, map[string]bool{"dName": true})
	if err != nil {
		return nil, err
	}
	for _, d := range dk["dName"] {
		c, err := x.leaf(d)
		if err != nil {
			return nil, err
		}
		if c.text == "" {
			return nil, model.Invalid(c.where.String(), model.RuleRequired, "the dimension's name is empty")
		}
		raw.dims = append(raw.dims, c)
	}
	if len(raw.dims) > model.MaxIssues {
		return nil, model.Invalid(raw.dims[model.MaxIssues].where.String(), model.RuleMaxIssues, "more than %d dimensions; Parley handles at most %d issues", model.MaxIssues, model.MaxIssues)
	}
	if len(raw.dims) == 0 {
		return nil, model.Invalid(x.where(dimsEl).String(), RuleDimensions, "<Dimensions> has no <dName>")
	}
	actorsEl, err := x.need(root, top, "Actors")
	if err != nil {
		return nil, err
	}
	raw.actorsAt = x.where(actorsEl)
	ak, err := x.kids(actorsEl, map[string]bool{"Actor": true})
	if err != nil {
		return nil, err
	}
	if n := len(ak["Actor"]); n < ktabMinActors || n > ktabMaxActors {
		return nil, model.Invalid(raw.actorsAt.String(), RuleActorCount, "<Actors> holds %d actors; KTAB scenarios have 3 to 250", n)
	}
	for _, an := range ak["Actor"] {
		a, err := x.actor(an, len(raw.dims))
		if err != nil {
			return nil, err
		}
		raw.actors = append(raw.actors, a)
	}
	sc, err := raw.build(s)
	if err != nil {
		return nil, err
	}
	sc.Notes = strings.Join(notes, " ")
	return &Result{Scenarios: []*model.Scenario{sc}, Warnings: warn}, nil
}

func (x *xmlReader) actor(an *xnode, dims int) (ktabActor, error) {
	a := ktabActor{where: x.where(an), desc: cell{where: x.where(an)}}
	k, err := x.kids(an, map[string]bool{"name": false, "description": false, "capability": false, "Position": false, "Salience": false})
	if err != nil {
		return a, err
	}
	for _, f := range []struct {
		name string
		dst  *cell
	}{{"name", &a.name}, {"capability", &a.capability}} {
		el, err := x.need(an, k, f.name)
		if err != nil {
			return a, err
		}
		if *f.dst, err = x.leaf(el); err != nil {
			return a, err
		}
	}
	if d := k["description"]; len(d) > 0 {
		if a.desc, err = x.leaf(d[0]); err != nil {
			return a, err
		}
	}
	for _, f := range []struct {
		name, item string
		dst        *[]cell
	}{{"Position", "dCoord", &a.pos}, {"Salience", "dSal", &a.sal}} {
		el, err := x.need(an, k, f.name)
		if err != nil {
			return a, err
		}
		items, err := x.kids(el, map[string]bool{f.item: true})
		if err != nil {
			return a, err
		}
		if n := len(items[f.item]); n != dims {
			return a, model.Invalid(x.where(el).String(), RuleFieldCount, "<%s> has %d <%s>; the scenario has %d dimensions", f.name, n, f.item, dims)
		}
		for _, it := range items[f.item] {
			c, err := x.leaf(it)
			if err != nil {
				return a, err
			}
			*f.dst = append(*f.dst, c)
		}
	}
	return a, nil
}

// xmlClean replaces control characters (not allowed in names) with spaces.
func xmlClean(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

func writeKTABXML(w io.Writer, s *model.Scenario) ([]string, error) {
	o, err := ktabExport(s, xmlClean)
	if err != nil {
		return nil, err
	}
	o.dims = uniqueDims(o.dims)
	bw := bufio.NewWriter(w)
	elem := func(indent, name, text string) {
		bw.WriteString(indent + "<" + name + ">")
		_ = xml.EscapeText(bw, []byte(text))
		bw.WriteString("</" + name + ">\n")
	}
	bw.WriteString(xml.Header)
	bw.WriteString("<Scenario>\n")
	elem("  ", "name", o.name)
	elem("  ", "desc", o.desc)
	elem("  ", "prngSeed", "0")
	bw.WriteString("  <ModelParameters>\n")
	for _, p := range ktabParamOrder {
		elem("    ", p, ktabDefaults[p])
	}
	bw.WriteString("  </ModelParameters>\n  <Dimensions>\n")
	for _, d := range o.dims {
		elem("    ", "dName", d)
	}
	bw.WriteString("  </Dimensions>\n  <Actors>\n")
	for _, a := range o.actors {
		bw.WriteString("    <Actor>\n")
		elem("      ", "name", a.name)
		elem("      ", "description", a.desc)
		elem("      ", "capability", formatNum(a.capability))
		bw.WriteString("      <Position>\n")
		for _, p := range a.pos {
			elem("        ", "dCoord", formatNum(p))
		}
		bw.WriteString("      </Position>\n      <Salience>\n")
		for _, v := range a.sal {
			elem("        ", "dSal", formatNum(v))
		}
		bw.WriteString("      </Salience>\n    </Actor>\n")
	}
	bw.WriteString("  </Actors>\n</Scenario>\n")
	if err := bw.Flush(); err != nil {
		return nil, &model.Error{Code: model.EINTERNAL, Message: "cannot write the KTAB XML file", Err: err}
	}
	return o.warnings, nil
}
