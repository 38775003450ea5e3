package chart

import (
	"fmt"
	"image/color"
	"io"
	"strings"
	"time"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"parley/model"
	"parley/model/exchange"
	"parley/model/forecast"
)

// BriefingOptions set how a deck is laid out. The zero value gives 16:9
// slides of 1920×1080 pixels at 96 DPI (20 × 11.25 inches) with footers.
type BriefingOptions struct {
	Size     Size // default SizeFullHD
	DPI      int  // default DefaultDPI
	NoFooter bool // leave the stamp off every slide
	Today    string
	// Style is the look of the slides and charts; its type size is scaled to
	// the slide (zero: Light).
	Style Style
}

// Briefing is a deck ready to export: its charts built once and its text laid
// out into pages (a title page, one page per slide, then as many assumption
// pages as the actors' rationales need). The same pages draw into the
// multi-page PDF and the numbered PNGs. Write one output at a time: drawing
// reuses the charts.
type Briefing struct {
	size  Size
	dpi   int
	style Style // slide text
	pages []*page
	// Warnings name the slides whose chart could not be drawn; each such
	// slide shows the reason where the chart would be.
	Warnings []string
}

type pageKind int

const (
	titlePage pageKind = iota
	chartPage
	assumptionsPage
)

type page struct {
	kind     pageKind
	title    string
	takeaway string
	plot     *plot.Plot
	err      error
	footer   *Footer

	// title page
	sc      *model.Scenario
	summary []string // lines under the description: issues, models, fingerprint

	// assumptions page
	cols [2][]entry
}

// entry is one item of the assumptions: an actor (with its chart colour) and
// why it has the capability it has, a what-if override, or a model note.
type entry struct {
	swatch  color.Color
	heading string // bold
	aside   string // after the heading, muted
	body    string
	source  string
}

// slideMetrics are a slide's margins and type sizes, in proportion to it.
type slideMetrics struct {
	w, h, margin, unit vg.Length
}

func metricsFor(s Size, dpi int) slideMetrics {
	w, h := s.Points(dpi)
	u := min(w, h) / 54 // 15 pt on a 1920×1080 slide at 96 DPI
	return slideMetrics{w: w, h: h, margin: w / 28, unit: u}
}

func (b *Briefing) text(size vg.Length, c color.Color, bold bool) draw.TextStyle {
	sty := textStyle(b.style, size, c)
	if bold {
		sty.Font.Weight = xfont.WeightBold
	}
	return sty
}

// NewBriefing builds every chart of the deck from sc and its run res and lays
// the deck out: a title page with the scenario summary, the slides in order,
// then the assumptions. An unknown issue or chart kind in the deck is an
// error; a chart that cannot be drawn only adds a warning.
func NewBriefing(d model.Deck, sc *model.Scenario, res *forecast.Result, o BriefingOptions) (*Briefing, error) {
	if o.Size == (Size{}) {
		o.Size = SizeFullHD
	}
	if o.DPI == 0 {
		o.DPI = DefaultDPI
	}
	if o.Style.Background == nil {
		o.Style = Light()
	}
	if o.Today == "" {
		o.Today = time.Now().Format("2006-01-02")
	}
	if err := o.Size.Check(); err != nil {
		return nil, err
	}
	if err := CheckDPI(o.DPI); err != nil {
		return nil, err
	}
	if err := d.Validate(sc); err != nil {
		return nil, err
	}
	m := metricsFor(o.Size, o.DPI)
	b := &Briefing{size: o.Size, dpi: o.DPI, style: o.Style}
	chartStyle := o.Style
	chartStyle.FontSize = m.unit * 0.95
	footer := func(spec ChartSpec, summary bool) *Footer {
		if o.NoFooter {
			return nil
		}
		f := FooterFor(sc, res, spec, o.Today)
		if summary {
			f.Model, f.Options = "", ""
		}
		return &f
	}

	b.pages = append(b.pages, &page{kind: titlePage, title: sc.Name, sc: sc, summary: scenarioSummary(sc, res), footer: footer(ChartSpec{}, true)})
	for k, s := range d.Slides {
		pg := &page{kind: chartPage, title: s.Title, takeaway: SlideText(s, sc, res), footer: footer(s.Chart, false)}
		pg.plot, pg.err = BuildChart(s.Chart, sc, res, chartStyle)
		if pg.err != nil {
			if pg.title == "" {
				pg.title = fmt.Sprintf("The %s chart", s.Chart.Kind)
			}
			b.Warnings = append(b.Warnings, fmt.Sprintf("slide %d (%s): %s", k+1, pg.title, model.ErrorMessage(pg.err)))
		} else {
			if pg.title == "" {
				pg.title = pg.plot.Title.Text
			}
			pg.plot.Title.Text = "" // the slide's title replaces the chart's
		}
		b.pages = append(b.pages, pg)
	}
	b.pages = append(b.pages, b.layoutAssumptions(sc, res, m, footer(ChartSpec{}, true))...)
	return b, nil
}

// Pages is the number of pages (PDF pages, PNG slides) the briefing has.
func (b *Briefing) Pages() int { return len(b.pages) }

// WritePDF writes the whole briefing as one PDF, a page per slide.
func (b *Briefing) WritePDF(w io.Writer) error {
	t := newTarget(PDF, b.size, b.dpi)
	for k := range b.pages {
		if k > 0 {
			t.pdf.NextPage()
		}
		b.drawPage(draw.New(t.canvas), k)
	}
	return t.write(w)
}

// WritePNG writes page k (0 = the title page) as a PNG of the briefing's size.
func (b *Briefing) WritePNG(w io.Writer, k int) error {
	if k < 0 || k >= len(b.pages) {
		return model.Errorf(model.EINVALID, "the briefing has %d pages, not %d", len(b.pages), k+1)
	}
	t := newTarget(PNG, b.size, b.dpi)
	b.drawPage(draw.New(t.canvas), k)
	return t.write(w)
}

// SlideName is the file name of page k's PNG: slide-01.png, slide-02.png, …
// (three digits from 100 pages on, so names sort in order).
func SlideName(k, pages int) string {
	digits := max(2, len(fmt.Sprint(pages)))
	return fmt.Sprintf("slide-%0*d.png", digits, k+1)
}

// WritePNGs writes every page as a numbered PNG into dir (created if
// missing) and returns the paths written. Pages are drawn in parallel.
func (b *Briefing) WritePNGs(dir string) ([]string, error) { return b.WritePNGsSteps(dir, nil, nil) }

// drawPage draws page k onto c.
func (b *Briefing) drawPage(c draw.Canvas, k int) {
	pg := b.pages[k]
	st := b.style
	m := metricsFor(b.size, b.dpi)
	c.SetColor(st.Background)
	c.Fill(c.Rectangle.Path())
	if pg.footer != nil {
		c = drawFooter(c, *pg.footer, st, m.margin)
	}
	// Page number, top right, except on the title page.
	if k > 0 {
		num := b.text(m.unit*0.8, st.Muted, false)
		num.XAlign, num.YAlign = draw.XRight, draw.YTop
		c.FillText(num, vg.Point{X: c.Max.X - m.margin, Y: c.Max.Y - m.margin*0.55}, fmt.Sprintf("%d / %d", k+1, len(b.pages)))
	}
	switch pg.kind {
	case titlePage:
		b.drawTitlePage(c, pg, m)
	case chartPage:
		b.drawChartPage(c, pg, m)
	case assumptionsPage:
		b.drawAssumptions(c, pg, m)
	}
}

// drawHeading draws a page title at the top left (wrapped to two lines at
// most) with a short rule under it, and returns the y below it.
func (b *Briefing) drawHeading(c *draw.Canvas, title string, m slideMetrics) vg.Length {
	sty := b.text(m.unit*2, b.style.Foreground, true)
	width := c.Max.X - c.Min.X - 2*m.margin - 6*m.unit // keep clear of the page number
	lines := wrapLines(title, sty, width)
	if len(lines) > 2 {
		lines = []string{lines[0], ellipsize(strings.Join(lines[1:], " "), sty, width)}
	}
	top := c.Max.Y - m.margin*0.55
	y := fillLines(c, sty, c.Min.X+m.margin, top, lines)
	y -= m.unit * 0.5
	c.FillPolygon(b.style.Foreground, rectPoly(vg.Rectangle{Min: vg.Point{X: c.Min.X + m.margin, Y: y - m.unit*0.22}, Max: vg.Point{X: c.Min.X + m.margin + 4*m.unit, Y: y}}))
	return y - m.unit*1.6
}

func (b *Briefing) drawChartPage(c draw.Canvas, pg *page, m slideMetrics) {
	top := b.drawHeading(&c, pg.title, m)
	x0, x1 := c.Min.X+m.margin, c.Max.X-m.margin
	bottom := c.Min.Y + m.unit*0.9
	if strings.TrimSpace(pg.takeaway) != "" {
		bottom = b.drawTakeaway(&c, pg.takeaway, x0, x1, bottom, m)
	}
	area := draw.Crop(c, x0-c.Min.X-m.unit*0.5, -(c.Max.X - x1), bottom-c.Min.Y, -(c.Max.Y - top))
	if pg.err != nil {
		b.drawChartError(area, pg.err, m)
		return
	}
	pg.plot.Draw(area)
}

// drawTakeaway sets the takeaway under the chart on a tinted band, at most
// three lines (in smaller type if it needs to), bottom-aligned at bottom. It
// returns the y above it.
func (b *Briefing) drawTakeaway(c *draw.Canvas, text string, x0, x1, bottom vg.Length, m slideMetrics) vg.Length {
	pad := m.unit * 0.6
	width := x1 - x0 - 2*pad
	var sty draw.TextStyle
	var lines []string
	for _, size := range []vg.Length{m.unit * 1.35, m.unit * 1.2, m.unit * 1.05} {
		sty = b.text(size, b.style.Foreground, false)
		lines = wrapLines(text, sty, width)
		if len(lines) <= 3 {
			break
		}
	}
	if len(lines) > 3 {
		lines = append(lines[:2], ellipsize(strings.Join(lines[2:], " "), sty, width))
	}
	lh := lineHeight(sty)
	top := bottom + vg.Length(len(lines))*lh + 2*pad
	c.FillPolygon(withAlpha(b.style.Grid, 0x90), rectPoly(vg.Rectangle{Min: vg.Point{X: x0, Y: bottom}, Max: vg.Point{X: x1, Y: top}}))
	c.FillPolygon(b.style.Foreground, rectPoly(vg.Rectangle{Min: vg.Point{X: x0, Y: bottom}, Max: vg.Point{X: x0 + m.unit*0.2, Y: top}}))
	fillLines(c, sty, x0+pad*1.4, top-pad, lines)
	return top + m.unit*0.8
}

// drawChartError fills the chart's place with a sentence saying why it is missing.
func (b *Briefing) drawChartError(c draw.Canvas, err error, m slideMetrics) {
	c.FillPolygon(withAlpha(b.style.Grid, 0x80), rectPoly(c.Rectangle))
	sty := b.text(m.unit*1.2, b.style.Muted, false)
	width := (c.Max.X - c.Min.X) * 0.7
	lines := wrapLines("This chart could not be drawn: "+model.ErrorMessage(err), sty, width)
	h := vg.Length(len(lines)) * lineHeight(sty)
	fillLines(&c, sty, c.Min.X+(c.Max.X-c.Min.X-width)/2, c.Min.Y+(c.Max.Y-c.Min.Y+h)/2, lines)
}

// scenarioSummary is what the title page says under the description.
func scenarioSummary(sc *model.Scenario, res *forecast.Result) []string {
	var issues []string
	for _, is := range sc.Issues {
		issues = append(issues, is.Name)
	}
	out := []string{
		fmt.Sprintf("%s on %s: %s.", model.Count(len(sc.Actors), "actor"), model.Count(len(sc.Issues), "issue"), strings.Join(issues, "; ")),
	}
	if sc.Base != "" {
		out = append(out, fmt.Sprintf("What-if of %q with %s (listed with the assumptions).", sc.Base, model.Count(len(sc.Overrides), "change")))
	}
	bdmName, bdmOpt := describeModel(sc, res, ChartSpec{Model: model.ModelBDM})
	models := []string{bdmName + " (" + bdmOpt + ", one issue at a time)"}
	if res == nil || res.SMP != nil {
		n, o := describeModel(sc, res, ChartSpec{Model: model.ModelSMP})
		if o != "" {
			n += " (" + o + ")"
		}
		models = append(models, n)
	}
	if res == nil || res.Exchange != nil {
		n, o := describeModel(sc, res, ChartSpec{Model: model.ModelExchange})
		if o != "" {
			o += "; "
		}
		models = append(models, n+" ("+o+"its forecast is "+exchange.ForecastIs+")")
	}
	models = append(models, "weighted mean, median and Nash baselines", "power indices")
	out = append(out, "Models: "+strings.Join(models, "; ")+".")
	if res != nil {
		out = append(out, "Input fingerprint "+res.Fingerprint+": a run with the same fingerprint reproduces every number in this deck.")
	}
	return out
}

// longDate writes "2026-11-27" as "27 November 2026"; other text stays as it is.
func longDate(s string) string {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return s
	}
	return t.Format("2 January 2006")
}

func (b *Briefing) drawTitlePage(c draw.Canvas, pg *page, m slideMetrics) {
	st := b.style
	sc := pg.sc
	inner := c.Max.X - c.Min.X - 2*m.margin
	x, width := c.Min.X+m.margin, inner*0.58
	// A band of the actors' colours along the top: the palette every chart uses.
	if n := len(sc.Actors); n > 0 {
		bw := (c.Max.X - c.Min.X) / vg.Length(n)
		for a := range sc.Actors {
			x0 := c.Min.X + vg.Length(a)*bw
			c.FillPolygon(ActorColor(sc.Actors[a].Color, a), rectPoly(vg.Rectangle{Min: vg.Point{X: x0, Y: c.Max.Y - m.unit*0.5}, Max: vg.Point{X: x0 + bw + 0.5, Y: c.Max.Y}}))
		}
	}
	top := c.Max.Y - m.margin*1.6
	kicker := b.text(m.unit*1.1, st.Muted, false)
	y := fillLines(&c, kicker, x, top, []string{"BRIEFING"})
	y -= m.unit * 0.4
	titleSty := b.text(m.unit*3.2, st.Foreground, true)
	y = fillLines(&c, titleSty, x, y, wrapLines(sc.Name, titleSty, width))
	if sc.Date != "" {
		y -= m.unit * 0.3
		y = fillLines(&c, b.text(m.unit*1.4, st.Muted, false), x, y, []string{longDate(sc.Date)})
	}
	y -= m.unit * 1.2
	c.FillPolygon(st.Foreground, rectPoly(vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + 4*m.unit, Y: y + m.unit*0.22}}))
	y -= m.unit * 1.2

	// The actors' colour key along the bottom, laid out first so the text above knows where to stop.
	key := b.text(m.unit*1.0, st.Foreground, false)
	sw, lh := m.unit*0.9, lineHeight(key)
	type item struct {
		label string
		col   color.Color
		x     vg.Length
		row   int
	}
	var items []item
	cx, row := x, 0
	const maxRows = 4
	for a, ac := range sc.Actors {
		label := ac.Name
		wItem := sw + m.unit*0.4 + key.Width(label) + m.unit*1.4
		more := fmt.Sprintf("and %d more", len(sc.Actors)-a)
		last := row == maxRows-1 && a < len(sc.Actors)-1
		if cx > x && cx+wItem > c.Max.X-m.margin || last && cx+wItem+key.Width(more) > c.Max.X-m.margin {
			if last {
				items = append(items, item{more, nil, cx, row})
				break
			}
			cx, row = x, row+1
		}
		items = append(items, item{label, ActorColor(ac.Color, a), cx, row})
		cx += wItem
	}
	keyTop := c.Min.Y + m.unit*1.2 + vg.Length(row+1)*lh*1.3
	if len(items) > 0 {
		fillLines(&c, kicker, x, keyTop+lineHeight(kicker)+m.unit*0.3, []string{"ACTORS, IN THE COLOURS OF EVERY CHART"})
	}
	for _, it := range items {
		yy := keyTop - vg.Length(it.row)*lh*1.3
		if it.col == nil {
			fillLines(&c, b.text(m.unit*1.0, st.Muted, false), it.x, yy, []string{it.label})
			continue
		}
		c.FillPolygon(it.col, rectPoly(vg.Rectangle{Min: vg.Point{X: it.x, Y: yy - (lh+sw)/2}, Max: vg.Point{X: it.x + sw, Y: yy - (lh-sw)/2}}))
		fillLines(&c, key, it.x+sw+m.unit*0.4, yy, []string{it.label})
	}
	floor := keyTop + lineHeight(kicker) + m.unit*1.5

	if sc.Description != "" {
		desc := b.text(m.unit*1.4, st.Foreground, false)
		lines := wrapLines(sc.Description, desc, width)
		if len(lines) > 5 {
			lines = append(lines[:4], ellipsize(strings.Join(lines[4:], " "), desc, width))
		}
		y = fillLines(&c, desc, x, y, lines)
		y -= m.unit * 1.0
	}
	body := b.text(m.unit*1.05, st.Foreground, false)
	for _, s := range pg.summary {
		lines := wrapLines(s, body, width)
		if y-vg.Length(len(lines))*lineHeight(body) < floor {
			break
		}
		y = fillLines(&c, body, x, y, lines)
		y -= m.unit * 0.5
	}

	// The contents, in a column on the right.
	rx := x + inner*0.64
	rw := inner * 0.36
	y = fillLines(&c, kicker, rx, top, []string{"IN THIS BRIEFING"})
	y -= m.unit * 0.6
	entry := b.text(m.unit*1.15, st.Foreground, false)
	num := b.text(m.unit*1.15, st.Muted, false)
	elh := lineHeight(entry) * 1.25
	var rows [][2]string
	for k, p := range b.pages {
		switch {
		case p.kind == chartPage:
			rows = append(rows, [2]string{fmt.Sprint(k + 1), p.title})
		case p.kind == assumptionsPage && b.pages[k-1].kind != assumptionsPage:
			rows = append(rows, [2]string{fmt.Sprint(k + 1), "Assumptions: actors, clout and sources"})
		}
	}
	fit := int((y - floor) / elh)
	if len(rows) > fit && fit > 1 {
		rows = append(rows[:fit-1], [2]string{"", fmt.Sprintf("… and %d more", len(rows)-fit+1)})
	}
	nw := num.Width("00") + m.unit*0.8
	for _, r := range rows {
		if y-elh < floor {
			break
		}
		fillLines(&c, num, rx, y, []string{r[0]})
		fillLines(&c, entry, rx+nw, y, []string{ellipsize(r[1], entry, rw-nw)})
		y -= elh
	}
}

// layoutAssumptions puts the assumptions into two columns and as many pages
// as they need: every actor with its capability, the rationale behind it and
// its source (said once when all actors share it), then a what-if's
// overrides and the model notes.
func (b *Briefing) layoutAssumptions(sc *model.Scenario, res *forecast.Result, m slideMetrics, f *Footer) []*page {
	common := ""
	if len(sc.Actors) > 1 {
		common = sc.Actors[0].Source
		for _, a := range sc.Actors {
			if a.Source != common {
				common = ""
			}
		}
	}
	var es []entry
	for a, ac := range sc.Actors {
		e := entry{swatch: ActorColor(ac.Color, a), heading: ac.Name, body: ac.Rationale}
		e.aside = fmt.Sprintf("capability %g", ac.Capability)
		if r := ac.CapabilityRange; r != nil {
			e.aside += fmt.Sprintf(" (range %g-%g)", r.Low, r.High)
		}
		for _, o := range sc.Overrides {
			if o.Field == "capability" && sc.ActorIndex(o.Actor) == a {
				e.aside += " in this what-if (see below)"
			}
		}
		if ac.Label != "" && !strings.Contains(ac.Name, ac.Label) {
			e.heading += " (" + ac.Label + ")"
		}
		if e.body == "" {
			e.body = "No rationale recorded."
		}
		if common == "" {
			e.source = ac.Source
		}
		es = append(es, e)
	}
	for _, o := range sc.Overrides {
		target := o.Actor + ", " + o.Field
		if i := sc.IssueIndex(o.Issue); i >= 0 {
			target += " on " + lowerIssue(sc.Issues[i].Name)
		}
		es = append(es, entry{heading: "What-if: " + target, aside: fmt.Sprintf("set to %g", o.Value), body: o.Rationale})
	}
	es = append(es, entry{heading: "Model settings", body: strings.Join(SettingsInWords(sc.Settings, res), " ")})
	if res != nil && len(res.SMPRescaled) > 0 {
		es = append(es, entry{heading: "Model note", body: fmt.Sprintf("The SMP needs each actor’s saliences to sum to at most 100 across issues: those of %s did, and were scaled down in proportion for the SMP only.", model.Count(len(res.SMPRescaled), "actor"))})
	}

	cw := (m.w - 2*m.margin - 2*m.unit) / 2
	head := b.text(m.unit*1.05, b.style.Foreground, true)
	body := b.text(m.unit*0.95, b.style.Foreground, false)
	small := b.text(m.unit*0.8, b.style.Muted, false)
	titleH := lineHeight(b.text(m.unit*2, b.style.Foreground, true)) + m.unit*1.5 + m.margin*0.55
	footH := vg.Length(0)
	if f != nil {
		footH = layoutFooter(*f, b.style, m.w, m.h, m.margin).height
	}
	avail := m.h - footH - titleH - m.unit*1.2
	if common != "" {
		avail -= lineHeight(small) + m.unit*0.6
	}
	height := func(e entry) vg.Length {
		h := lineHeight(head) + vg.Length(len(wrapLines(e.body, body, cw-m.unit*1.4)))*lineHeight(body)
		if e.source != "" {
			h += vg.Length(len(wrapLines("Source: "+e.source, small, cw-m.unit*1.4))) * lineHeight(small)
		}
		return h + m.unit*0.9
	}
	var pages []*page
	cur, col, used := &page{kind: assumptionsPage, footer: f}, 0, vg.Length(0)
	for _, e := range es {
		h := height(e)
		if used > 0 && used+h > avail {
			col, used = col+1, 0
			if col == 2 {
				pages = append(pages, cur)
				cur, col = &page{kind: assumptionsPage, footer: f}, 0
			}
		}
		cur.cols[col] = append(cur.cols[col], e)
		used += h
	}
	balance(cur, height, avail)
	pages = append(pages, cur)
	for k, pg := range pages {
		pg.title = "Assumptions: actors’ clout and why"
		if len(pages) > 1 {
			pg.title += fmt.Sprintf(" (%d of %d)", k+1, len(pages))
		}
		if common != "" {
			pg.takeaway = "Source for all actors: " + common
		}
	}
	return pages
}

// balance evens out the two columns of the last assumptions page, so a short
// list does not leave the right half of the slide empty.
func balance(pg *page, height func(entry) vg.Length, avail vg.Length) {
	all := append(append([]entry(nil), pg.cols[0]...), pg.cols[1]...)
	var total vg.Length
	for _, e := range all {
		total += height(e)
	}
	var left, used vg.Length
	n := 0
	for n < len(all) && used+height(all[n])/2 <= total/2 {
		used += height(all[n])
		n++
	}
	left = used
	if n == 0 || total-left > avail {
		return
	}
	pg.cols[0], pg.cols[1] = all[:n], all[n:]
}

func (b *Briefing) drawAssumptions(c draw.Canvas, pg *page, m slideMetrics) {
	y := b.drawHeading(&c, pg.title, m)
	small := b.text(m.unit*0.8, b.style.Muted, false)
	if pg.takeaway != "" {
		y = fillLines(&c, small, c.Min.X+m.margin, y, []string{ellipsize(pg.takeaway, small, c.Max.X-c.Min.X-2*m.margin)})
		y -= m.unit * 0.6
	}
	head := b.text(m.unit*1.05, b.style.Foreground, true)
	aside := b.text(m.unit*0.95, b.style.Muted, false)
	body := b.text(m.unit*0.95, b.style.Foreground, false)
	cw := (c.Max.X - c.Min.X - 2*m.margin - 2*m.unit) / 2
	indent := m.unit * 1.4
	for col, es := range pg.cols {
		x := c.Min.X + m.margin + vg.Length(col)*(cw+2*m.unit)
		yy := y
		for _, e := range es {
			lh := lineHeight(head)
			if e.swatch != nil {
				sw := m.unit * 0.85
				c.FillPolygon(e.swatch, rectPoly(vg.Rectangle{Min: vg.Point{X: x, Y: yy - (lh+sw)/2}, Max: vg.Point{X: x + sw, Y: yy - (lh-sw)/2}}))
			}
			hd := ellipsize(e.heading, head, cw-indent)
			fillLines(&c, head, x+indent, yy, []string{hd})
			if e.aside != "" {
				ax := x + indent + head.Width(hd) + m.unit*0.6
				if rest := cw - (ax - x); rest > m.unit*3 {
					fillLines(&c, aside, ax, yy-(lineHeight(head)-lineHeight(aside))*0.75, []string{ellipsize(e.aside, aside, rest)})
				}
			}
			yy -= lh
			yy = fillLines(&c, body, x+indent, yy, wrapLines(e.body, body, cw-indent))
			if e.source != "" {
				yy = fillLines(&c, small, x+indent, yy, wrapLines("Source: "+e.source, small, cw-indent))
			}
			yy -= m.unit * 0.9
		}
	}
}
