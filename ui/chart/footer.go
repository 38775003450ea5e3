package chart

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/bdm"
	"parley/model/bloc"
	"parley/model/exchange"
	"parley/model/forecast"
)

// DefaultCaveat is the warning every exported chart carries unless the
// analyst writes another.
const DefaultCaveat = "Illustrative model output — not a prediction of record"

// Footer is the stamp printed along the bottom of an exported chart or slide,
// so a chart lifted out of a deck still says where it came from: the
// scenario, its date, the model and its key options, the fingerprint of the
// inputs the run used (the same fingerprint reproduces the same numbers) and
// a caveat (DefaultCaveat when empty).
type Footer struct {
	Scenario    string
	Date        string
	Model       string
	Options     string
	Fingerprint string
	Caveat      string
}

// FooterFor is the stamp for a chart drawn from res: the scenario's name (and
// base, for a what-if) and date (today when the scenario has none), the model
// the spec names with the options that shaped it, and the run's fingerprint.
func FooterFor(sc *model.Scenario, res *forecast.Result, spec ChartSpec, today string) Footer {
	f := Footer{Scenario: sc.Name, Date: sc.Date, Caveat: DefaultCaveat}
	if sc.Base != "" {
		f.Scenario = fmt.Sprintf("%s (what-if of %s)", sc.Name, sc.Base)
	}
	if f.Date == "" {
		f.Date = today
	}
	if res != nil {
		f.Fingerprint = res.Fingerprint
	}
	f.Model, f.Options = describeModel(sc, res, spec)
	return f
}

// describeModel names the model behind a chart and the options an analyst
// needs to reproduce it.
func describeModel(sc *model.Scenario, res *forecast.Result, spec ChartSpec) (name, opts string) {
	set := sc.Settings
	var o []string
	switch {
	case spec.Kind == model.ChartPower:
		name = "Power indices (Shapley-Shubik, Banzhaf)"
		if set.Quota > 0 {
			o = append(o, fmt.Sprintf("quota %.0f%%", set.Quota*100))
		} else {
			o = append(o, "simple majority")
		}
	case spec.Model == model.ModelSMP:
		name = "SMP, KTAB spatial model"
		if res != nil && res.SMP != nil {
			o = append(o, model.Count(len(res.SMP.Turns)-1, "turn"))
		}
		if res != nil && len(res.SMPRescaled) > 0 {
			o = append(o, "saliences rescaled to sum 100")
		}
		o = append(o, set.SMP.Describe()...)
	case spec.Model == model.ModelExchange || spec.Kind == model.ChartExchanges:
		name = "Exchange model, Stokman & Van Oosten's equal-gain solution"
		if res != nil && res.Exchange != nil {
			o = append(o, fmt.Sprintf("variant %s", res.Exchange.Variant), fmt.Sprintf("%d rounds", len(res.Exchange.Rounds)))
		}
	default:
		name = "BDM expected utility"
		rounds := set.BDMRounds
		if rounds == 0 {
			rounds = bdm.DefaultRounds
		}
		o = append(o, fmt.Sprintf("up to %d rounds", rounds), QWords(set.BDMQ))
	}
	if spec.Round > 0 {
		unit := "round"
		if spec.Model == model.ModelSMP {
			unit = "turn"
		}
		o = append(o, fmt.Sprintf("%s %d", unit, spec.Round))
	}
	if spec.Kind == model.ChartCoalition {
		tol := set.BlocTol
		if tol > 0 {
			o = append(o, fmt.Sprintf("blocs within %g points", tol))
		}
	}
	return name, strings.Join(o, ", ")
}

// QWords says BDM's Q in words: the chance that a status quo nobody
// challenges stands (0 = the default, 1, the published model; below 1 no
// published result checks the model, so it is marked unvalidated).
func QWords(q float64) string {
	if q == 0 || q == 1 {
		return "an unchallenged status quo stands: Q = 1"
	}
	return fmt.Sprintf("an unchallenged status quo stands with probability %g: Q = %g, unvalidated", q, q)
}

// SettingsInWords is every model setting of a scenario as a sentence a
// reader can follow, for the assumptions slide: BDM, the SMP, the exchange
// model, blocs, power and the Monte Carlo, defaults named as such. The
// exchange model is left out when res shows it could not run (res nil: not
// known, its defaults are said).
func SettingsInWords(set model.Settings, res *forecast.Result) []string {
	rounds := set.BDMRounds
	if rounds == 0 {
		rounds = bdm.DefaultRounds
	}
	out := []string{fmt.Sprintf("BDM: up to %s, stopping early when positions settle; %s.", model.Count(rounds, "round"), QWords(set.BDMQ))}
	var smp []string
	for _, o := range model.SMPOptions {
		v := set.SMP.Get(o)
		smp = append(smp, fmt.Sprintf("%s %s (%s)", strings.ToLower(o.Label), v, o.Means(v)))
	}
	out = append(out, "SMP (KTAB): "+strings.Join(smp, "; ")+".")
	if res == nil || res.Exchange != nil {
		v, rounds := exchange.VariantB, exchange.DefaultRounds
		if res != nil {
			v, rounds = res.Exchange.Variant, len(res.Exchange.Rounds)
		}
		out = append(out, fmt.Sprintf("Exchange model: equal-gain solution, variant %s (%s), %s; its forecast is %s.", v, v.Means(), model.Count(rounds, "round"), exchange.ForecastIs))
	}
	tol := set.BlocTol
	if tol == 0 {
		tol = bloc.DefaultTol
	}
	quota := "a simple majority of the weight wins"
	if set.Quota > 0 {
		quota = fmt.Sprintf("a coalition needs %g%% of the weight to win", set.Quota*100)
	}
	out = append(out, fmt.Sprintf("Blocs: actors within %g points of each other; power indices: %s.", tol, quota))
	spread := "no default spread: only the ranges given vary"
	if set.Spread > 0 {
		spread = fmt.Sprintf("±%g points (per cent for capability) where no range is given", set.Spread)
	}
	out = append(out, fmt.Sprintf("Monte Carlo: %s; %s, seed %d.", spread, model.Count(set.DrawsOr(), "draw"), set.SeedOr()))
	return out
}

// caveat is f.Caveat or DefaultCaveat.
func (f Footer) caveat() string {
	if f.Caveat == "" {
		return DefaultCaveat
	}
	return f.Caveat
}

// Stamp is the footer as the pieces of text it prints, caveat last.
func (f Footer) Stamp() []string {
	var p []string
	add := func(s string) {
		if s != "" {
			p = append(p, s)
		}
	}
	add(f.Scenario)
	add(f.Date)
	switch {
	case f.Model != "" && f.Options != "":
		add(f.Model + " (" + f.Options + ")")
	default:
		add(f.Model + f.Options)
	}
	if f.Fingerprint != "" {
		add("inputs " + f.Fingerprint)
	}
	return append(p, f.caveat())
}

// String is the stamp on one line.
func (f Footer) String() string { return strings.Join(f.Stamp(), " · ") }

// footerFontSize is small but legible on the canvas: about 1/70 of its
// shorter side, between 6 and 11 points.
func footerFontSize(w, h vg.Length) vg.Length {
	return vg.Length(math.Max(6, math.Min(11, float64(min(w, h))/70)))
}

// footerLayout is the footer set for a canvas width: its lines (the last
// pair drawn left and right when the caveat fits beside the stamp).
type footerLayout struct {
	size        vg.Length
	left        []string // left-aligned lines, top down
	right       string   // right-aligned on the last line, when it fits
	height, pad vg.Length
}

func layoutFooter(f Footer, st Style, w, h, margin vg.Length) footerLayout {
	size := footerFontSize(w, h)
	sty := textStyle(st, size, st.Muted)
	pad := size * 0.8
	avail := w - 2*margin
	parts := f.Stamp()
	stamp, cav := strings.Join(parts[:len(parts)-1], " · "), parts[len(parts)-1]
	l := footerLayout{size: size, pad: pad}
	if sty.Width(stamp)+2*size+sty.Width(cav) <= avail {
		l.left, l.right = []string{stamp}, cav
	} else {
		// Pack the pieces into as few lines as they need.
		line := ""
		for _, p := range parts {
			try := p
			if line != "" {
				try = line + " · " + p
			}
			if line == "" || sty.Width(try) <= avail {
				line = try
				continue
			}
			l.left = append(l.left, line)
			line = p
		}
		l.left = append(l.left, line)
		for i, s := range l.left {
			l.left[i] = ellipsize(s, sty, avail)
		}
	}
	l.height = vg.Length(len(l.left))*lineHeight(sty) + 2*pad
	return l
}

// drawFooter draws f as a strip along the bottom of c, in small muted type
// under a hairline, m in from the sides, and returns the part of c above the strip.
func drawFooter(c draw.Canvas, f Footer, st Style, m vg.Length) draw.Canvas {
	w, h := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	l := layoutFooter(f, st, w, h, m)
	sty := textStyle(st, l.size, st.Muted)
	top := c.Min.Y + l.height
	c.StrokeLine2(draw.LineStyle{Color: st.Grid, Width: vg.Points(0.75)}, c.Min.X+m, top, c.Max.X-m, top)
	bottom := fillLines(&c, sty, c.Min.X+m, top-l.pad, l.left)
	if l.right != "" {
		r := sty
		r.XAlign, r.YAlign = draw.XRight, draw.YTop
		c.FillText(r, vg.Point{X: c.Max.X - m, Y: bottom + lineHeight(sty)}, l.right)
	}
	return draw.Crop(c, 0, 0, l.height, 0)
}
