package chart

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgpdf"

	"parley/model"
	"parley/model/backtest"
)

type plotT struct{ p *plot.Plot }

// svg renders the plot as SVG and returns its text, to read what it says.
// text is what the chart says, read back from its PDF's text layer (chart
// text is drawn as glyph outlines; the PDF also carries it as invisible,
// searchable text).
func (p plotT) text(t *testing.T) string {
	t.Helper()
	c := vgpdf.New(8*vg.Inch, 5*vg.Inch)
	p.p.Draw(draw.New(newPDFCanvas(c))) // as every PDF export draws
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(pdfText(t, b.Bytes())), " ")
}

// Every track-record chart draws from the shipped record, names the weighted
// mean's benchmark, the 80% promise and each model's ± q, in both styles.
func TestTrackRecordCharts(t *testing.T) {
	rec := backtest.Shipped()
	wm, _ := rec.Score(model.ModelWeightedMean)
	out := os.Getenv("PARLEY_CHART_OUT")
	for _, st := range []Style{Light(), Dark()} {
		mae, err := TrackRecordMAE(rec, st)
		if err != nil {
			t.Fatal(err)
		}
		cov, err := TrackRecordCoverage(rec, st)
		if err != nil {
			t.Fatal(err)
		}
		sc, err := TrackRecordScatter(BinnedPoints(rec, model.ModelWeightedMean), model.ModelWeightedMean, wm.Interval80.HalfWidth, true, st)
		if err != nil {
			t.Fatal(err)
		}
		sub, err := TrackRecordSubsets(rec, "wave", st)
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range map[string][]string{
			"mae":     {"Weighted mean 22.99: the benchmark", "Recommended", "(n 43)"},
			"cov":     {"The promise: 80%", "Weighted mean (±37)", "80%"},
			"scatter": {"Weighted mean: forecast against outcome", "80% interval ± 37"},
			"subsets": {"DEU I (171)", "DEU III (29)", "Typical error by wave"},
		} {
			p := map[string]plotT{"mae": {mae}, "cov": {cov}, "scatter": {sc}, "subsets": {sub}}[name]
			text := p.text(t)
			for _, w := range want {
				if !strings.Contains(text, w) {
					t.Errorf("%s chart (%s) does not say %q", name, st.Name, w)
				}
			}
			if out != "" {
				b, err := PNGBytes(p.p, 1100, 650, 96)
				if err != nil {
					t.Fatal(err)
				}
				os.WriteFile(filepath.Join(out, "trackrecord_"+name+"_"+st.Name+".png"), b, 0o644)
			}
		}
	}
	if _, err := TrackRecordMAE(nil, Light()); err == nil {
		t.Error("an empty record drew a chart")
	}
	if _, err := TrackRecordScatter(nil, model.ModelBDM, 10, false, Light()); err == nil {
		t.Error("a scatter without points drew a chart")
	}
	if n := len(BinnedPoints(rec, model.ModelWeightedMean)); n == 0 || n > 100 {
		t.Errorf("%d binned points", n)
	}
	total := 0
	for _, pt := range BinnedPoints(rec, model.ModelWeightedMean) {
		total += pt.N
	}
	if total != 351 {
		t.Errorf("binned points count %d issues, want 351", total)
	}
}
