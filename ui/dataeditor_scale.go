package ui

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"parley/model"
)

// The data editor shows and takes an issue's status quo, anchors, positions
// and position ranges on the issue's own scale (years 4-10) when it has one
// (model.Issue.Scale); the models keep 0-100. The Issues table's last column
// sets the scale ("4-10 years"; empty for 0-100).

// round9 drops the float noise of a scale's mapping (7.000000000000001).
func round9(v float64) float64 { return math.Round(v*1e9) / 1e9 }

// shownNum is v (on 0-100) as the issue shows it.
func shownNum(is *model.Issue, v float64) string { return fmtNum(round9(is.Shown(v))) }

// shownRange is r as the issue shows it ("6.4-7.6").
func shownRange(is *model.Issue, r *model.Range) string {
	if r == nil {
		return ""
	}
	return shownNum(is, r.Low) + "-" + shownNum(is, r.High)
}

// scaleWords is the issue's scale for messages and headers: "4-10 years", or "0-100".
func scaleWords(is *model.Issue) string {
	lo, hi := is.ShownEnds()
	s := fmtNum(lo) + "-" + fmtNum(hi)
	if is.Scale != nil && is.Scale.Unit != "" {
		s += " " + is.Scale.Unit
	}
	return s
}

// parseShown reads a value typed on the issue's own scale and returns it on
// 0-100; outside the scale it is refused with the scale in words.
func parseShown(where string, is *model.Issue, text string) (float64, error) {
	v, err := parseNum(where, text)
	if err != nil {
		return 0, err
	}
	if is.Scale == nil {
		return v, model.CheckScale(where, v)
	}
	lo, hi := is.ShownEnds()
	if math.IsNaN(v) || v < lo || v > hi {
		return 0, model.Invalid(where, "the issue's own scale", "%s is outside the issue's scale, %s", fmtNum(v), scaleWords(is))
	}
	return math.Min(model.ScaleMax, math.Max(model.ScaleMin, round9(is.Stored(v)))), nil
}

// parseShownRange reads "low-high" on the issue's own scale (empty: none).
func parseShownRange(where string, is *model.Issue, text string) (*model.Range, error) {
	r, err := parseRange(where, text)
	if err != nil || r == nil || is.Scale == nil {
		return r, err
	}
	lo, err := parseShown(where+" low", is, fmtNum(r.Low))
	if err != nil {
		return nil, err
	}
	hi, err := parseShown(where+" high", is, fmtNum(r.High))
	if err != nil {
		return nil, err
	}
	return &model.Range{Low: lo, High: hi}, nil
}

// scaleText is the Issues table's "Own scale" cell.
func scaleText(is *model.Issue) string {
	if is.Scale == nil {
		return ""
	}
	return strings.TrimSpace(fmtNum(is.Scale.Lo) + " to " + fmtNum(is.Scale.Hi) + " " + is.Scale.Unit)
}

var scaleRE = regexp.MustCompile(`^\s*(-?[0-9]+(?:[.,][0-9]+)?)\s*(?:to|–|-)\s*(-?[0-9]+(?:[.,][0-9]+)?)\s*(.*?)\s*$`)

// parseScaleText reads "4 to 10 years" (or "4-10 years"); empty is no scale (0-100).
func parseScaleText(where, text string) (*model.IssueScale, error) {
	if strings.TrimSpace(text) == "" {
		return nil, nil
	}
	m := scaleRE.FindStringSubmatch(text)
	if m == nil {
		return nil, model.Invalid(where, model.RuleOwnScale, "write the scale as low to high and its unit, e.g. 4 to 10 years (empty for 0-100)")
	}
	lo, err := parseNum(where, m[1])
	if err != nil {
		return nil, err
	}
	hi, err := parseNum(where, m[2])
	if err != nil {
		return nil, err
	}
	sc := &model.IssueScale{Lo: lo, Hi: hi, Unit: m[3]}
	if err := model.CheckIssueScale(where, sc); err != nil {
		return nil, err
	}
	return sc, nil
}

// positionTitle is a stance table's position header: the scale when the issue has its own.
func positionTitle(is *model.Issue) string {
	if is.Scale == nil {
		return is.Key + " · position"
	}
	return fmt.Sprintf("%s · position (%s)", is.Key, scaleWords(is))
}
