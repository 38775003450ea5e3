package chart

import (
	"image/color"
	"math"
	"strconv"

	stdfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Style is the look of a chart: its colours and type sizes. Light suits print
// and slides; Dark matches the app's dark theme.
type Style struct {
	Name       string
	Background color.Color
	Foreground color.Color // text, axes
	Grid       color.Color
	Muted      color.Color // secondary text, leader lines
	Halo       color.Color // outline around bubbles
	FontSize   vg.Length   // base text size; lines, bubbles and gaps scale with it
}

// Light is the default style: dark ink on white, the look of a printed slide.
func Light() Style {
	return Style{Name: "light", Background: color.White, Foreground: color.RGBA{0x21, 0x21, 0x21, 0xff},
		Grid: color.RGBA{0xe4, 0xe4, 0xe4, 0xff}, Muted: color.RGBA{0x75, 0x75, 0x75, 0xff}, Halo: color.White, FontSize: vg.Points(11)}
}

// Dark is light ink on the app's dark background.
func Dark() Style {
	return Style{Name: "dark", Background: color.RGBA{0x17, 0x17, 0x18, 0xff}, Foreground: color.RGBA{0xee, 0xee, 0xee, 0xff},
		Grid: color.RGBA{0x33, 0x33, 0x36, 0xff}, Muted: color.RGBA{0xa0, 0xa0, 0xa0, 0xff}, Halo: color.RGBA{0x17, 0x17, 0x18, 0xff}, FontSize: vg.Points(11)}
}

// scaled is x points at the style's type size: lengths are designed at 11 pt
// and grow with the type, so an exported slide keeps the proportions.
func (st Style) scaled(x float64) vg.Length {
	fs := st.FontSize
	if fs <= 0 {
		fs = 11
	}
	return vg.Length(x) * fs / 11
}

// isDark reports whether the background is dark (its luminance below half).
func (st Style) isDark() bool {
	if st.Background == nil {
		return false
	}
	r, g, b, _ := st.Background.RGBA()
	return 0.2126*float64(r)+0.7152*float64(g)+0.0722*float64(b) < 0.5*0xffff
}

// palette is a colour-blind-safe set (Okabe-Ito, then Tableau) for actors without a colour of their own.
var palette = []string{"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF", "#9467BD", "#F0E442"}

// ParseColor reads "#rrggbb"; ok is false for anything else.
func ParseColor(s string) (color.RGBA, bool) {
	if len(s) != 7 || s[0] != '#' {
		return color.RGBA{}, false
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.RGBA{}, false
	}
	return color.RGBA{uint8(v >> 16), uint8(v >> 8), uint8(v), 0xff}, true
}

// ActorColor is actor i's colour: its own if set, else the palette's i-th, so an
// actor keeps one colour on every chart of a scenario.
func ActorColor(own string, i int) color.RGBA {
	if c, ok := ParseColor(own); ok {
		return c
	}
	c, _ := ParseColor(palette[i%len(palette)])
	return c
}

// series is a colour for a named series (a model, a bloc, a side of a
// tornado): a colour-blind-safe hue, lighter on a dark background so it
// keeps its contrast. Charts pair it with a dash pattern or a marker shape so
// a grayscale print still tells the series apart.
type series struct{ light, dark string }

func (s series) color(st Style) color.Color {
	h := s.light
	if st.isDark() {
		h = s.dark
	}
	c, _ := ParseColor(h)
	return c
}

var (
	seriesBlue       = series{"#0072B2", "#56B4E9"}
	seriesVermillion = series{"#D55E00", "#FF8C42"}
	seriesGreen      = series{"#009E73", "#3DD6A3"}
	seriesPurple     = series{"#AA4499", "#E08FD0"}
	seriesOchre      = series{"#B07A00", "#F0C24B"}
	seriesTeal       = series{"#117777", "#5FC9C9"}
)

// blocSeries colour the blocs of a two-issue map and the coalition view, in
// bloc order; blocShapes pair each with a marker shape.
var blocSeries = []series{seriesBlue, seriesVermillion, seriesGreen, seriesPurple, seriesOchre, seriesTeal}

// dashes returns a dash pattern of on/off lengths in points, scaled to st.
func (st Style) dashes(onOff ...float64) []vg.Length {
	d := make([]vg.Length, len(onOff))
	for i, x := range onOff {
		d[i] = st.scaled(x)
	}
	return d
}

// sansFont is the face of every text on Parley's charts: Liberation Sans,
// compiled into gonum/plot (plot.DefaultFont is the serif), with Noto Sans
// Arabic and Droid Sans Fallback for what it lacks (see glyphText).
var sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// boldFont is sansFont in bold, for titles.
var boldFont = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: stdfont.WeightBold}

// titleDrop is how far below the top edge the title starts, as a share of
// its height: plot.Plot sets it flush with the edge.
const titleDrop = 0.55

// newPlot returns an empty plot dressed in st: Liberation Sans throughout, a
// bold title with a margin above it.
func newPlot(st Style, title string) *plot.Plot {
	p := plot.New()
	p.TextHandler = textHandler
	p.Title.TextStyle.Handler = textHandler
	p.X.Label.TextStyle.Handler, p.Y.Label.TextStyle.Handler = textHandler, textHandler
	p.X.Tick.Label.Handler, p.Y.Tick.Label.Handler = textHandler, textHandler
	p.Legend.TextStyle.Handler = textHandler
	p.BackgroundColor = st.Background
	p.Title.Text = title
	p.Title.TextStyle.Color = st.Foreground
	p.Title.TextStyle.Font = font.From(boldFont, st.FontSize*1.3)
	// plot.Plot reserves the title's height plus Padding and draws it at the
	// top edge; sinking it by titleDrop of its height (and padding as much
	// more) gives it a top margin without touching the layout code.
	h := p.Title.TextStyle.Height(title)
	p.Title.TextStyle.YAlign = draw.YTop - titleDrop
	p.Title.Padding = st.scaled(6) + h*titleDrop
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Color = st.Foreground
		ax.Label.TextStyle.Color = st.Foreground
		ax.Label.TextStyle.Font = font.From(sansFont, st.FontSize)
		ax.Label.Padding = st.scaled(4)
		ax.Tick.Label.Color = st.Foreground
		ax.Tick.Label.Font = font.From(sansFont, st.FontSize*0.9)
		ax.Tick.Color = st.Foreground
		ax.LineStyle.Color = st.Foreground
	}
	p.Legend.TextStyle.Color = st.Foreground
	p.Legend.TextStyle.Font = font.From(sansFont, st.FontSize*0.9)
	p.Add(edgeMargin{right: st.scaled(14)})
	return p
}

// edgeMargin keeps the data area off the right edge of the canvas, where
// plot.Plot lets the last x tick label run off it.
type edgeMargin struct{ right vg.Length }

func (edgeMargin) Plot(draw.Canvas, *plot.Plot) {}

func (m edgeMargin) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	return []plot.GlyphBox{{X: 1, Y: 0.5, Rectangle: vg.Rectangle{Max: vg.Point{X: m.right}}}}
}

func textStyle(st Style, size vg.Length, c color.Color) draw.TextStyle {
	return draw.TextStyle{Color: c, Font: font.From(sansFont, size), Handler: textHandler, XAlign: draw.XLeft, YAlign: draw.YBottom}
}

// setAxisLabels captions the axes and keeps a margin between each caption and
// the canvas edge (plot.Plot sets them flush with it).
func setAxisLabels(p *plot.Plot, st Style, x, y string) {
	m := st.scaled(5)
	p.X.Label.Text, p.Y.Label.Text = x, y
	if x != "" {
		p.X.Label.TextStyle.YAlign = draw.YBottom + draw.YAlignment(m/p.X.Label.TextStyle.Height(x))
		p.X.Label.Padding += m
	}
	if y != "" {
		p.Y.Label.TextStyle.YAlign = draw.YBottom - draw.YAlignment(m/p.Y.Label.TextStyle.Height(y))
		p.Y.Label.Padding += m
	}
}

// drawable reports whether a plotter's canvas is a real area: on a canvas
// too small for the chart's margins plot.Plot can hand out an empty or
// non-finite one, and rasterising non-finite paths never ends.
func drawable(c draw.Canvas) bool {
	for _, v := range []vg.Length{c.Min.X, c.Min.Y, c.Max.X, c.Max.Y} {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return false
		}
	}
	return c.Max.X > c.Min.X && c.Max.Y > c.Min.Y
}
