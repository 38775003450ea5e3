package ui

import (
	"image"
	"math"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"parley/ui/chart"
)

// ChartView shows one gonum/plot chart, rendered at the canvas's real pixel
// size so it stays sharp on HiDPI screens. Build makes the plot for a style;
// it is called again only when the chart is invalidated or the theme changes.
type ChartView struct {
	raster *canvas.Raster

	mu      sync.Mutex
	build   func(chart.Style) (*plot.Plot, error)
	plot    *plot.Plot
	variant fyne.ThemeVariant
	font    vg.Length // the type size the cached plot was built with
	err     error
	// specFn, if set, names the chart as a deck or export would (for the footer stamp).
	specFn func() chart.ChartSpec
	// Renders counts rendered frames (for tests and benchmarks).
	Renders int
	// sized: the builder reads the view's size (RebuildOnResize), so a
	// resize rebuilds the plot; builtAt is the size it was last built at.
	sized   bool
	builtAt fyne.Size
	// drawn is the plot last drawn, with the image's pixel size and DPI and
	// the view's size then: hit tests use exactly the geometry on screen.
	drawn struct {
		plot *plot.Plot
		w, h int
		dpi  float64
		size fyne.Size
	}
}

// Drawn is the plot last drawn on screen, the image's size in pixels and
// its DPI, and the view's size (in Fyne units) at the time; p is nil before
// the first frame.
func (v *ChartView) Drawn() (p *plot.Plot, w, h int, dpi float64, size fyne.Size) {
	v.mu.Lock()
	defer v.mu.Unlock()
	d := v.drawn
	if d.plot != v.plot {
		return nil, 0, 0, 0, fyne.Size{}
	}
	return d.plot, d.w, d.h, d.dpi, d.size
}

// SetSpec tells the view how to name its chart for exports.
func (v *ChartView) SetSpec(f func() chart.ChartSpec) { v.specFn = f }

func (v *ChartView) spec() (chart.ChartSpec, bool) {
	if v.specFn == nil {
		return chart.ChartSpec{}, false
	}
	return v.specFn(), true
}

// NewChartView returns a view that draws what build returns.
func NewChartView(build func(chart.Style) (*plot.Plot, error)) *ChartView {
	v := &ChartView{build: build, variant: 99}
	v.raster = canvas.NewRaster(v.render)
	v.raster.SetMinSize(fyne.NewSize(320, 240))
	return v
}

// RebuildOnResize makes every resize rebuild the plot, for a builder that
// fits its content to the view's size (Size).
func (v *ChartView) RebuildOnResize() { v.sized = true }

// Size is the view's size in Fyne units.
func (v *ChartView) Size() fyne.Size { return v.raster.Size() }

// Object is the canvas object to put in a layout.
func (v *ChartView) Object() fyne.CanvasObject { return v.raster }

// SetBuilder replaces the chart and redraws.
func (v *ChartView) SetBuilder(build func(chart.Style) (*plot.Plot, error)) {
	v.mu.Lock()
	v.build, v.plot = build, nil
	v.mu.Unlock()
	v.raster.Refresh()
}

// Invalidate rebuilds the chart on the next draw (its data changed).
func (v *ChartView) Invalidate() {
	v.mu.Lock()
	v.plot = nil
	v.mu.Unlock()
	v.raster.Refresh()
}

// Err is the error of the last build, if any.
func (v *ChartView) Err() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.err
}

// StyleFor is the chart style matching the app theme variant.
func StyleFor(variant fyne.ThemeVariant) chart.Style {
	if variant == theme.VariantDark {
		return chart.Dark()
	}
	return chart.Light()
}

// Plot returns the current plot in the theme's style, building it if needed.
func (v *ChartView) Plot() (*plot.Plot, error) {
	return v.plotIn(StyleFor(currentVariant()))
}

func (v *ChartView) plotIn(st chart.Style) (*plot.Plot, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	variant := currentVariant()
	if v.plot == nil || v.variant != variant || v.font != st.FontSize {
		v.variant, v.font = variant, st.FontSize
		v.plot, v.err = nil, nil
		if v.build != nil {
			v.plot, v.err = v.build(st)
		}
	}
	return v.plot, v.err
}

// screenStyle is the theme's chart style with its type sized to the pane:
// proportional to the pane's geometric mean side, from 9 points (a stance
// map on a 1366×768 laptop, about 9.5) to 15 (about 12.5 on a 1920×1080
// screen), in half points so small resizes do not rebuild the plot.
func screenStyle(w, h float32) chart.Style {
	st := StyleFor(currentVariant())
	st.FontSize = vg.Length(paneFontSize(w, h))
	return st
}

// paneFontSize is the chart type size in points for a pane of w×h Fyne units.
func paneFontSize(w, h float32) float64 {
	side := math.Sqrt(float64(max(w, 1)) * float64(max(h, 1)))
	f := 9 + (side-450)/120
	return math.Round(2*math.Max(9, math.Min(15, f))) / 2
}

func (v *ChartView) render(w, h int) image.Image {
	size := v.raster.Size()
	if v.sized {
		v.mu.Lock()
		if size != v.builtAt {
			v.builtAt, v.plot = size, nil
		}
		v.mu.Unlock()
	}
	p, err := v.plotIn(screenStyle(size.Width, size.Height))
	if err != nil || p == nil || w <= 0 || h <= 0 {
		return errorImage(w, h, err)
	}
	dpi := 96.0
	if s := v.raster.Size().Width; s > 0 {
		dpi = 96 * float64(w) / float64(s)
	}
	v.mu.Lock()
	v.Renders++
	v.drawn.plot, v.drawn.w, v.drawn.h, v.drawn.dpi, v.drawn.size = p, w, h, dpi, size
	v.mu.Unlock()
	return chart.Image(p, w, h, dpi)
}

// errorImage is what a chart shows when it cannot be drawn: the theme's
// background (the message itself is shown by the screen in a label).
func errorImage(w, h int, _ error) image.Image {
	if w <= 0 || h <= 0 {
		w, h = 1, 1
	}
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	bg := StyleFor(currentVariant()).Background
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, bg)
		}
	}
	return img
}

// wide gives a picker a fixed width so long issue names stay readable.
func wide(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}
