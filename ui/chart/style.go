package chart

import (
	"image/color"
	"strconv"

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
	FontSize   vg.Length   // base text size
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

// newPlot returns an empty plot dressed in st.
func newPlot(st Style, title string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = st.Background
	p.Title.Text = title
	p.Title.TextStyle.Color = st.Foreground
	p.Title.TextStyle.Font.Size = st.FontSize * 1.35
	p.Title.Padding = vg.Points(8)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Color = st.Foreground
		ax.Label.TextStyle.Color = st.Foreground
		ax.Label.TextStyle.Font.Size = st.FontSize
		ax.Tick.Label.Color = st.Foreground
		ax.Tick.Label.Font.Size = st.FontSize * 0.9
		ax.Tick.Color = st.Foreground
		ax.LineStyle.Color = st.Foreground
	}
	p.Legend.TextStyle.Color = st.Foreground
	p.Legend.TextStyle.Font.Size = st.FontSize * 0.9
	return p
}

func textStyle(st Style, size vg.Length, c color.Color) draw.TextStyle {
	return draw.TextStyle{Color: c, Font: font.From(plot.DefaultFont, size), Handler: plot.DefaultTextHandler, XAlign: draw.XLeft, YAlign: draw.YBottom}
}
