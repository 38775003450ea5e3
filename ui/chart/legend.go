package chart

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendPanel is a chart's key, drawn inside the data area in a corner on a
// semi-opaque panel so it stays readable over the data. plot.Legend draws no
// background and sits where the title is; this one is a plotter, added last.
// Long keys flow into columns so the panel never covers more than a slice of
// the chart.
type legendPanel struct {
	st      Style
	entries []panelEntry
	corner  legendCorner
	// avoid lists what an automatically placed panel should not cover, in
	// canvas coordinates (the data it would hide).
	avoid func(c draw.Canvas, p *plot.Plot) []vg.Rectangle
	// header puts the panel at the top right just above the data area, in a
	// strip the plot reserves for it, so it never hides data: for charts
	// whose data may fill any corner.
	header bool
	// lift, when set, raises a header panel further by what the data pokes
	// above the top of the data area (bubbles near the top).
	lift func(p *plot.Plot) vg.Length
	// shrunk is the full-size panel this one is a smaller copy of.
	shrunk *legendPanel
}

func (l *legendPanel) headerOffset(p *plot.Plot) vg.Length {
	d := l.headerGap()
	if l.lift != nil {
		d += l.lift(p)
	}
	return d
}

// panelEntry is one line of a key: a sample of the series and its name
// (several lines when the name holds line breaks).
type panelEntry struct {
	text   string
	thumbs []plot.Thumbnailer
}

// legendCorner is where a legend panel sits.
type legendCorner int

const (
	topRight legendCorner = iota
	topLeft
	bottomRight
	bottomLeft
	autoCorner // the corner that hides the least of avoid, top right on a tie
)

// newHeaderLegend is a legend panel in the reserved strip above the data.
func newHeaderLegend(st Style) *legendPanel {
	return &legendPanel{st: st, header: true}
}

// add appends an entry.
func (l *legendPanel) add(text string, thumbs ...plot.Thumbnailer) {
	l.entries = append(l.entries, panelEntry{text: text, thumbs: thumbs})
}

func (l *legendPanel) textStyle() draw.TextStyle {
	ts := textStyle(l.st, l.st.FontSize*0.85, l.st.Foreground)
	ts.YAlign = draw.YTop
	return ts
}

// panelLayout is the panel's box and where each entry goes in it, and the
// panel as drawn (a smaller copy when the panel had to shrink to fit).
type panelLayout struct {
	box   vg.Rectangle
	cells []vg.Point // top-left of each entry's thumbnail
	panel *legendPanel
}

func (l *legendPanel) metrics() (pad, thumbW, gap, rowGap, lineH vg.Length) {
	ts := l.textStyle()
	return l.st.scaled(5), l.st.scaled(22), l.st.scaled(5), l.st.scaled(2.5), ts.Font.Size * 1.2
}

// entryHeight is the height of an entry of n lines.
func (l *legendPanel) entryHeight(text string) vg.Length {
	_, _, _, _, lineH := l.metrics()
	return vg.Length(len(textHandler.Lines(text))) * lineH
}

// columns is how many columns the entries flow into. Inside the data area:
// as few as keep the panel within 40 % of the canvas height. A header panel
// (c == nil) must know its size before the canvas is known: as many columns
// as fit in headerWidth, so short keys take one row.
func (l *legendPanel) columns(c *draw.Canvas) int {
	n := len(l.entries)
	ts := l.textStyle()
	if c == nil {
		for cols := n; cols > 1; cols-- {
			if w, _ := l.size(cols, ts); w <= l.st.scaled(headerWidth) {
				return cols
			}
		}
		return 1
	}
	pad, _, _, _, _ := l.metrics()
	cw, ch := c.Max.X-c.Min.X, c.Max.Y-c.Min.Y
	for cols := 1; cols < n; cols++ {
		_, h := l.size(cols, ts)
		if h+2*pad <= ch*0.4 {
			return cols
		}
		if w2, _ := l.size(cols+1, ts); w2 > cw*0.95 {
			return cols
		}
	}
	return max(1, n)
}

// headerWidth is the widest a header legend grows at 11-point type: it fits
// the data area of an 800×500 chart at 96 DPI.
const headerWidth = 470

// size is the width and height of the panel's entries set in cols columns,
// padding included in the width, not in the height.
func (l *legendPanel) size(cols int, ts draw.TextStyle) (w, h vg.Length) {
	pad, thumbW, gap, rowGap, _ := l.metrics()
	n := len(l.entries)
	rows := (n + cols - 1) / cols
	for col := 0; col < cols && col*rows < n; col++ {
		var cw, ch vg.Length
		for r := 0; r < rows && col*rows+r < n; r++ {
			e := l.entries[col*rows+r]
			cw = max(cw, thumbW+gap+ts.Width(e.text))
			ch += l.entryHeight(e.text) + rowGap
		}
		if col > 0 {
			w += gap * 3
		}
		w += cw
		h = max(h, ch-rowGap)
	}
	return w + 2*pad, h
}

// headerSize is the size of a header panel (see legendPanel.header).
func (l *legendPanel) headerSize() (w, h vg.Length) {
	if len(l.entries) == 0 {
		return 0, 0
	}
	pad, _, _, _, _ := l.metrics()
	w, h = l.size(l.columns(nil), l.textStyle())
	return w, h + 2*pad
}

// layout places the panel in c and each entry in the panel.
func (l *legendPanel) layout(c draw.Canvas, p *plot.Plot) panelLayout {
	if len(l.entries) == 0 {
		return panelLayout{}
	}
	ts := l.textStyle()
	pad, _, gap, rowGap, _ := l.metrics()
	var cols int
	var box vg.Rectangle
	if l.header {
		cols = l.columns(nil)
		w, h := l.headerSize()
		// On a canvas too narrow for it, the panel shrinks (type and all)
		// to fit between the canvas's left edge and the data area's right.
		if avail := c.Max.X - l.st.scaled(4); w > avail && avail > 0 && l.shrunk == nil {
			small := *l
			small.st.FontSize *= max(0.5, avail/w)
			small.shrunk = l
			return small.layout(c, p)
		}
		d := l.headerOffset(p)
		if l.shrunk != nil {
			d = l.shrunk.headerOffset(p)
		}
		box = vg.Rectangle{Min: vg.Point{X: c.Max.X - w, Y: c.Max.Y + d}, Max: vg.Point{X: c.Max.X, Y: c.Max.Y + d + h}}
	} else {
		cols = l.columns(&c)
		w, h := l.size(cols, ts)
		box = l.place(c, p, w, h+2*pad)
	}
	n := len(l.entries)
	rows := (n + cols - 1) / cols
	out := panelLayout{box: box, cells: make([]vg.Point, n), panel: l}
	x := box.Min.X + pad
	for col := 0; col < cols && col*rows < n; col++ {
		y := box.Max.Y - pad
		var cw vg.Length
		for r := 0; r < rows && col*rows+r < n; r++ {
			k := col*rows + r
			out.cells[k] = vg.Point{X: x, Y: y}
			y -= l.entryHeight(l.entries[k].text) + rowGap
			_, thumbW, _, _, _ := l.metrics()
			cw = max(cw, thumbW+gap+ts.Width(l.entries[k].text))
		}
		x += cw + gap*3
	}
	return out
}

// headerGap is the space between the data area and a header panel.
func (l *legendPanel) headerGap() vg.Length { return l.st.scaled(6) }

// GlyphBoxes reserves the strip above the data area a header panel needs.
func (l *legendPanel) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	if !l.header || len(l.entries) == 0 {
		return nil
	}
	// No width: the panel only needs height. (A box at X = 1 reaching left
	// past the canvas would make plot's padding divide by zero.)
	_, h := l.headerSize()
	return []plot.GlyphBox{{X: 1, Y: 1, Rectangle: vg.Rectangle{Max: vg.Point{Y: l.headerOffset(p) + h}}}}
}

// place puts a w×h panel in the panel's corner of c, inset a little.
func (l *legendPanel) place(c draw.Canvas, p *plot.Plot, w, h vg.Length) vg.Rectangle {
	inset := l.st.scaled(6)
	at := func(k legendCorner) vg.Rectangle {
		var r vg.Rectangle
		switch k {
		case topLeft, bottomLeft:
			r.Min.X = c.Min.X + inset
		default:
			r.Min.X = c.Max.X - inset - w
		}
		switch k {
		case bottomRight, bottomLeft:
			r.Min.Y = c.Min.Y + inset
		default:
			r.Min.Y = c.Max.Y - inset - h
		}
		r.Max = vg.Point{X: r.Min.X + w, Y: r.Min.Y + h}
		return r
	}
	if l.corner != autoCorner || l.avoid == nil {
		return at(l.corner)
	}
	avoid := l.avoid(c, p)
	best, bestCost := at(topRight), math.Inf(1)
	for k := topRight; k <= bottomLeft; k++ {
		r := at(k)
		if cost := overlap(r, avoid, 1); cost < bestCost-1e-9 {
			best, bestCost = r, cost
		}
	}
	return best
}

// Plot draws the panel.
func (l *legendPanel) Plot(c draw.Canvas, p *plot.Plot) {
	if len(l.entries) == 0 || !drawable(c) {
		return
	}
	lay := l.layout(c, p)
	l = lay.panel
	fillRect(&c, lay.box, withAlpha(l.st.Background, 0xd8))
	strokeRect(&c, lay.box, draw.LineStyle{Color: l.st.Grid, Width: l.st.scaled(0.8)})
	ts := l.textStyle()
	_, thumbW, gap, _, lineH := l.metrics()
	for k, e := range l.entries {
		at := lay.cells[k]
		icon := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{Min: vg.Point{X: at.X, Y: at.Y - lineH}, Max: vg.Point{X: at.X + thumbW, Y: at.Y}}}
		for _, t := range e.thumbs {
			t.Thumbnail(&icon)
		}
		c.FillText(ts, vg.Point{X: at.X + thumbW + gap, Y: at.Y - (lineH-ts.Font.Size)/2}, e.text)
	}
}

func sum(xs []vg.Length) vg.Length {
	var s vg.Length
	for _, x := range xs {
		s += x
	}
	return s
}

// lineThumb is a legend sample of a line: its colour, width and dashes.
type lineThumb draw.LineStyle

func (t lineThumb) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(draw.LineStyle(t), c.Min.X, y, c.Max.X, y)
}

// swatchThumb is a legend sample of a bar or band: a filled box, optionally
// hatched and outlined.
type swatchThumb struct {
	fill, hatch, edge color.Color
	st                Style
}

func (t swatchThumb) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	r := vg.Rectangle{Min: vg.Point{X: c.Min.X + h*0.1, Y: c.Min.Y + h*0.12}, Max: vg.Point{X: c.Max.X - h*0.1, Y: c.Max.Y - h*0.12}}
	if t.fill != nil {
		fillRect(c, r, t.fill)
	}
	if t.hatch != nil {
		hatch(c, r, t.hatch, t.st.scaled(3.5), t.st.scaled(1))
	}
	if t.edge != nil {
		strokeRect(c, r, draw.LineStyle{Color: t.edge, Width: t.st.scaled(0.8)})
	}
}

// shapeThumb is a legend sample of a marker shape.
type shapeThumb struct {
	shape Shape
	fill  color.Color
	line  draw.LineStyle
}

func (t shapeThumb) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	drawShape(c, t.shape, c.Center(), h*0.42, t.fill, t.line)
}

// arrowThumb is a legend sample of a movement arrow.
type arrowThumb struct {
	color color.Color
	st    Style
}

func (t arrowThumb) Thumbnail(c *draw.Canvas) {
	y := (c.Min.Y + c.Max.Y) / 2
	drawArrow(c, vg.Point{X: c.Min.X, Y: y}, vg.Point{X: c.Max.X, Y: y}, 0, t.color, t.st)
}
