package chart

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// barSeg is one piece of a bar: from lo to hi along the value axis.
type barSeg struct {
	lo, hi float64
	fill   color.Color
	hatch  color.Color // 45° lines over the fill; nil for none
	edge   color.Color // outline; nil for none
	label  string      // printed inside when it fits, else left out (or placed outside when the layer says so)
}

// bar is a bar (or a stack of segments) at cat on the category axis, thick
// wide in category units, with a note printed past its end and an optional
// error bar.
type bar struct {
	cat, thick float64
	segs       []barSeg
	note       string
	noteBefore bool // print the note before the bar's low end instead
	hasErr     bool
	errLo      float64
	errHi      float64
}

// barLayer draws bars: horizontal ones (value along x, categories along y)
// or vertical ones. It reserves room for the notes so none is cut off.
type barLayer struct {
	bars       []bar
	horizontal bool
	st         Style
	// outside places the labels of segments too small to hold them beside the
	// bars, clear of every bar and label, with a leader line.
	outside bool
}

func (l *barLayer) noteStyle() draw.TextStyle {
	return textStyle(l.st, l.st.FontSize*0.9, l.st.Foreground)
}

func (l *barLayer) labelStyle() draw.TextStyle {
	return textStyle(l.st, l.st.FontSize*0.82, l.st.Foreground)
}

// rect is the canvas rectangle of a segment.
func (l *barLayer) rect(trX, trY func(float64) vg.Length, b bar, lo, hi float64) vg.Rectangle {
	if l.horizontal {
		x0, x1 := trX(lo), trX(hi)
		y0, y1 := trY(b.cat-b.thick/2), trY(b.cat+b.thick/2)
		return vg.Rectangle{Min: vg.Point{X: min(x0, x1), Y: min(y0, y1)}, Max: vg.Point{X: max(x0, x1), Y: max(y0, y1)}}
	}
	x0, x1 := trX(b.cat-b.thick/2), trX(b.cat+b.thick/2)
	y0, y1 := trY(lo), trY(hi)
	return vg.Rectangle{Min: vg.Point{X: min(x0, x1), Y: min(y0, y1)}, Max: vg.Point{X: max(x0, x1), Y: max(y0, y1)}}
}

func (l *barLayer) Plot(c draw.Canvas, p *plot.Plot) {
	if !drawable(c) {
		return
	}
	trX, trY := p.Transforms(&c)
	st := l.st
	lts := l.labelStyle()
	var outside []labelItem
	var from []vg.Rectangle // the segment each outside label belongs to
	var obstacles []vg.Rectangle
	for _, b := range l.bars {
		for _, s := range b.segs {
			r := l.rect(trX, trY, b, s.lo, s.hi)
			obstacles = append(obstacles, r)
			if s.fill != nil {
				fillRect(&c, r, s.fill)
			}
			if s.hatch != nil {
				hatch(&c, r, s.hatch, st.scaled(4), st.scaled(1.1))
			}
			if s.edge != nil {
				strokeRect(&c, r, draw.LineStyle{Color: s.edge, Width: st.scaled(0.8)})
			}
			if s.label == "" {
				continue
			}
			w, h := lts.Width(s.label), lts.Height(s.label)
			if w+st.scaled(4) <= r.Max.X-r.Min.X && h+st.scaled(1) <= r.Max.Y-r.Min.Y {
				ts := lts
				ts.Color = inkOn(s.fill)
				ts.XAlign, ts.YAlign = draw.XCenter, draw.YCenter
				c.FillText(ts, centre(r), s.label)
			} else if l.outside {
				outside = append(outside, labelItem{text: s.label, anchor: centre(r), radius: min(r.Max.X-r.Min.X, r.Max.Y-r.Min.Y) / 2, size: vg.Point{X: w, Y: h}})
				from = append(from, r)
			}
		}
		if b.hasErr {
			ls := draw.LineStyle{Color: st.Foreground, Width: st.scaled(1.1)}
			cap := st.scaled(3)
			if l.horizontal {
				y := trY(b.cat)
				x0, x1 := trX(b.errLo), trX(b.errHi)
				c.StrokeLine2(ls, x0, y, x1, y)
				c.StrokeLine2(ls, x0, y-cap, x0, y+cap)
				c.StrokeLine2(ls, x1, y-cap, x1, y+cap)
			} else {
				x := trX(b.cat)
				y0, y1 := trY(b.errLo), trY(b.errHi)
				c.StrokeLine2(ls, x, y0, x, y1)
				c.StrokeLine2(ls, x-cap, y0, x+cap, y0)
				c.StrokeLine2(ls, x-cap, y1, x+cap, y1)
			}
		}
	}
	for _, b := range l.bars {
		if b.note == "" {
			continue
		}
		at, ts := l.notePos(trX, trY, b)
		r := ts.Rectangle(b.note)
		r = vg.Rectangle{Min: r.Min.Add(at), Max: r.Max.Add(at)}
		obstacles = append(obstacles, r)
		fillRect(&c, grow(r, st.scaled(1)), withAlpha(st.Background, 0xee))
		c.FillText(ts, at, b.note)
	}
	if len(outside) > 0 {
		placed := placeLabels(outside, labelSpace{bounds: c.Rectangle, bubbles: obstacles})
		for i, pl := range placed {
			// A leader line from the segment to its label, unless they touch.
			a, b := nearestOnRect(centre(pl.box), from[i]), nearestOnRect(outside[i].anchor, pl.box)
			if math.Hypot(float64(a.X-b.X), float64(a.Y-b.Y)) > float64(st.scaled(3)) {
				c.StrokeLine2(draw.LineStyle{Color: st.Muted, Width: st.scaled(0.6)}, a.X, a.Y, b.X, b.Y)
			}
			c.FillText(lts, pl.box.Min, outside[i].text)
		}
	}
}

// extent is the lowest and highest value a bar reaches, its error bar included.
func (b bar) extent() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, s := range b.segs {
		lo, hi = math.Min(lo, math.Min(s.lo, s.hi)), math.Max(hi, math.Max(s.lo, s.hi))
	}
	if b.hasErr {
		lo, hi = math.Min(lo, b.errLo), math.Max(hi, b.errHi)
	}
	return
}

// notePos is where a bar's note goes and how it is aligned.
func (l *barLayer) notePos(trX, trY func(float64) vg.Length, b bar) (vg.Point, draw.TextStyle) {
	ts := l.noteStyle()
	gap := l.st.scaled(4)
	lo, hi := b.extent()
	if l.horizontal {
		// A note no taller than its bar, so the notes of stacked thin bars
		// do not run into each other.
		thick := abs(float64(trY(b.cat+b.thick/2) - trY(b.cat-b.thick/2)))
		ts.Font.Size = max(vg.Points(6), min(ts.Font.Size, vg.Length(thick)*0.95))
		ts.YAlign = draw.YCenter
		if b.noteBefore {
			ts.XAlign = draw.XRight
			return vg.Point{X: trX(lo) - gap, Y: trY(b.cat)}, ts
		}
		return vg.Point{X: trX(hi) + gap, Y: trY(b.cat)}, ts
	}
	ts.XAlign = draw.XCenter
	if b.noteBefore {
		ts.YAlign = draw.YTop
		return vg.Point{X: trX(b.cat), Y: trY(lo) - gap}, ts
	}
	return vg.Point{X: trX(b.cat), Y: trY(hi) + gap}, ts
}

func (l *barLayer) DataRange() (xmin, xmax, ymin, ymax float64) {
	vmin, vmax := math.Inf(1), math.Inf(-1)
	cmin, cmax := math.Inf(1), math.Inf(-1)
	for _, b := range l.bars {
		lo, hi := b.extent()
		vmin, vmax = math.Min(vmin, lo), math.Max(vmax, hi)
		cmin, cmax = math.Min(cmin, b.cat-b.thick/2), math.Max(cmax, b.cat+b.thick/2)
	}
	if l.horizontal {
		return vmin, vmax, cmin, cmax
	}
	return cmin, cmax, vmin, vmax
}

// GlyphBoxes reserve room for the notes past the bars' ends.
func (l *barLayer) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var out []plot.GlyphBox
	ts := l.noteStyle()
	gap := l.st.scaled(4)
	for _, b := range l.bars {
		if b.note == "" {
			continue
		}
		lo, hi := b.extent()
		w, h := ts.Width(b.note)+2*gap, ts.Height(b.note) // the gap before the note, and a margin after it
		var g plot.GlyphBox
		switch {
		case l.horizontal && !b.noteBefore:
			g = plot.GlyphBox{X: p.X.Norm(hi), Y: p.Y.Norm(b.cat), Rectangle: vg.Rectangle{Min: vg.Point{X: 0, Y: -h / 2}, Max: vg.Point{X: w, Y: h / 2}}}
		case l.horizontal:
			g = plot.GlyphBox{X: p.X.Norm(lo), Y: p.Y.Norm(b.cat), Rectangle: vg.Rectangle{Min: vg.Point{X: -w, Y: -h / 2}, Max: vg.Point{X: 0, Y: h / 2}}}
		case !b.noteBefore:
			g = plot.GlyphBox{X: p.X.Norm(b.cat), Y: p.Y.Norm(hi), Rectangle: vg.Rectangle{Min: vg.Point{X: -w / 2, Y: 0}, Max: vg.Point{X: w / 2, Y: h + gap}}}
		default:
			g = plot.GlyphBox{X: p.X.Norm(b.cat), Y: p.Y.Norm(lo), Rectangle: vg.Rectangle{Min: vg.Point{X: -w / 2, Y: -h - gap}, Max: vg.Point{X: w / 2, Y: 0}}}
		}
		out = append(out, g)
	}
	return out
}

// categoryTicks labels the categories of a bar chart at 0, 1, 2, ...
func categoryTicks(labels []string) plot.Ticker {
	t := make([]plot.Tick, len(labels))
	for i, s := range labels {
		t[i] = plot.Tick{Value: float64(i), Label: s}
	}
	return plot.ConstantTicks(t)
}

// percentTicks labels a 0-1 share axis in per cent at nice steps.
type percentTicks struct{}

func (percentTicks) Ticks(lo, hi float64) []plot.Tick {
	step := niceStep((hi - lo) / 5)
	var t []plot.Tick
	for v := math.Ceil(lo/step-1e-9) * step; v <= hi+1e-9; v += step {
		t = append(t, plot.Tick{Value: v, Label: percent(v)})
	}
	return t
}

// niceStep rounds a raw step up to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if !(raw > 0) || math.IsInf(raw, 0) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag*(1+1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// niceTicks labels an axis at nice steps, about five of them.
type niceTicks struct{}

func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	step := niceStep((hi - lo) / 5)
	var t []plot.Tick
	for v := math.Ceil(lo/step-1e-9) * step; v <= hi+1e-9; v += step {
		t = append(t, plot.Tick{Value: v, Label: formatTick(v, step)})
	}
	return t
}

// formatTick prints a tick value with as few decimals as the step needs and
// thousands as k.
func formatTick(v, step float64) string {
	if math.Abs(v) < step*1e-6 {
		return "0"
	}
	if step >= 1000 {
		return strconv.FormatFloat(v/1000, 'f', -1, 64) + "k"
	}
	d := 0
	for s := step; s < 1-1e-9 && d < 6; s *= 10 {
		d++
	}
	return strconv.FormatFloat(v, 'f', d, 64)
}
