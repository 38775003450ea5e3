// Package budgets ties every speed budget of PRODUCT.md (and the README's
// Budgets section) to the benchmarks that measure it, and turns `go test
// -bench` output into one line per budget with its figure (make bench).
// budgets_test.go fails when a row of PRODUCT.md's budget table has no
// benchmark here, or a benchmark named here does not exist.
package budgets

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Budget is one row of a budget table and the benchmarks that measure it.
type Budget struct {
	// Row is how the row's "what" column starts (PRODUCT.md's words).
	Row string
	// Limit is the budget.
	Limit time.Duration
	// Pkg is the benchmarks' package ("parley/store").
	Pkg string
	// Benches are the benchmark names (without the -N CPU suffix); the
	// budget's figure is the slowest of them.
	Benches []string
	// Metric is the figure to read: "" = ns/op, "p95-ms" = a reported p95.
	Metric string
	// Source says where the budget is stated: "PRODUCT.md" or "README".
	Source string
}

// Table is every budget Parley promises.
var Table = []Budget{
	{Row: "all models on the default scenario", Limit: 2 * time.Millisecond, Pkg: "parley/model/forecast", Benches: []string{"BenchmarkMuscatAllModels"}, Source: "PRODUCT.md"},
	{Row: "BDM, 100 actors, 1 issue, 10 rounds", Limit: 20 * time.Millisecond, Pkg: "parley/model/bdm", Benches: []string{"BenchmarkBDM100Actors10Rounds"}, Source: "PRODUCT.md"},
	{Row: "KTAB SMP defaults, 80 actors", Limit: 100 * time.Millisecond, Pkg: "parley/model/smp", Benches: []string{"BenchmarkKTABa080"}, Source: "PRODUCT.md"},
	{Row: "slider drag → updated chart on screen", Limit: 50 * time.Millisecond, Pkg: "parley/ui", Benches: []string{"BenchmarkSliderToChart"}, Metric: "p95-ms", Source: "PRODUCT.md"},
	{Row: "cold start to first chart", Limit: time.Second, Pkg: "parley/ui", Benches: []string{"BenchmarkColdStartToFirstChart"}, Source: "PRODUCT.md"},
	{Row: "Monte Carlo, 1,000 draws", Limit: time.Second, Pkg: "parley/model/sweep", Benches: []string{"BenchmarkMonteCarlo1000Muscat"}, Source: "PRODUCT.md"},
	{Row: "4-slide briefing PDF", Limit: 2 * time.Second, Pkg: "parley/ui/chart", Benches: []string{"BenchmarkMuscatDeckPDF"}, Source: "PRODUCT.md"},
	{Row: "open / save a 250-actor × 10-issue scenario", Limit: 50 * time.Millisecond, Pkg: "parley/store", Benches: []string{
		"BenchmarkOpen250x10", "BenchmarkSave250x10", "BenchmarkSavePlain250x10", "BenchmarkSaveOneEdit250x10",
		"BenchmarkSaveWithFullJournal250x10", "BenchmarkSaveWithWhatIfs250x10"}, Source: "PRODUCT.md"},
	{Row: "first preliminary Monte Carlo band after a slider event", Limit: 50 * time.Millisecond, Pkg: "parley/ui", Benches: []string{"BenchmarkFirstBandAfterSlider"}, Metric: "p95-ms", Source: "README"},
	{Row: "slider drag → chart while a band refines", Limit: 50 * time.Millisecond, Pkg: "parley/ui", Benches: []string{"BenchmarkSliderToChartWhileBandRefines"}, Metric: "p95-ms", Source: "README"},
	{Row: "forecast (every model) of 250 actors × 10 issues", Limit: ForecastBigLimit, Pkg: "parley/model/forecast", Benches: []string{"BenchmarkForecast250x10"}, Source: "README"},
}

// ForecastBigLimit is the README's budget for a forecast of the largest
// scenario (250 × 10), which the window runs off its UI goroutine.
const ForecastBigLimit = 10 * time.Second

// Figure is one measured benchmark.
type Figure struct {
	Pkg, Bench string
	Value      time.Duration
}

// Parse reads `go test -bench` output: "pkg: P" lines and benchmark lines
// ("BenchmarkX-2  20  40045569 ns/op  ...  60.09 p95-ms").
func Parse(r io.Reader) map[string]map[string]Figure {
	out := map[string]map[string]Figure{} // metric → pkg.bench → figure
	pkg := ""
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "pkg: "); ok {
			pkg = strings.TrimSpace(p)
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if k := strings.LastIndex(name, "-"); k > 0 {
			if _, err := strconv.Atoi(name[k+1:]); err == nil {
				name = name[:k]
			}
		}
		for k := 2; k+1 < len(f); k += 2 {
			v, err := strconv.ParseFloat(f[k], 64)
			if err != nil {
				continue
			}
			var d time.Duration
			metric := f[k+1]
			switch metric {
			case "ns/op":
				d, metric = time.Duration(v), ""
			case "p95-ms":
				d = time.Duration(v * float64(time.Millisecond))
			default:
				continue
			}
			if out[metric] == nil {
				out[metric] = map[string]Figure{}
			}
			out[metric][pkg+"."+name] = Figure{Pkg: pkg, Bench: name, Value: d}
		}
	}
	return out
}

// Report writes one line per budget: its figure (the slowest of its
// benchmarks, each listed), the budget, and "over" when the figure exceeds
// it (figures vary with the machine's load). It returns the budgets that
// have no figure at all (a benchmark missing or failed).
func Report(w io.Writer, figs map[string]map[string]Figure) (missing []string) {
	fmt.Fprintln(w, "\nBudgets (figures vary with the machine's load):")
	for _, b := range Table {
		var worst Figure
		var parts []string
		for _, name := range b.Benches {
			f, ok := figs[b.Metric][b.Pkg+"."+name]
			if !ok {
				parts = append(parts, strings.TrimPrefix(name, "Benchmark")+" missing")
				continue
			}
			if f.Value >= worst.Value {
				worst = f
			}
			parts = append(parts, strings.TrimPrefix(name, "Benchmark")+" "+ms(f.Value))
		}
		verdict := "ok"
		switch {
		case worst.Bench == "":
			verdict = "NO FIGURE"
			missing = append(missing, b.Row)
		case worst.Value > b.Limit:
			verdict = "over"
		}
		what := b.Row
		if b.Metric != "" {
			what += " (" + b.Metric + ")"
		}
		fmt.Fprintf(w, "%-50s %10s  ≤ %-10s %-9s %s\n", what, ms(worst.Value), ms(b.Limit), verdict, strings.Join(parts, ", "))
	}
	return missing
}

func ms(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 1, 64) + " ms"
}
