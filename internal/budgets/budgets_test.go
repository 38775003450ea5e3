package budgets

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// root is the project root, from this package's folder.
const root = "../.."

// productRows returns the rows of PRODUCT.md's budget table: what, budget.
func productRows(t *testing.T) [][2]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "../shared/docs/PRODUCT.md"))
	if err != nil {
		t.Fatalf("PRODUCT.md (read from ../shared): %v", err)
	}
	var rows [][2]string
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "## ") {
			in = strings.HasPrefix(line, "## Budgets")
			continue
		}
		if !in || !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		if len(cells) < 2 {
			continue
		}
		what, budget := strings.TrimSpace(cells[0]), strings.TrimSpace(cells[1])
		if what == "what" || strings.HasPrefix(what, "---") {
			continue
		}
		rows = append(rows, [2]string{what, budget})
	}
	if len(rows) < 8 {
		t.Fatalf("PRODUCT.md's budget table has %d rows; the parser lost some", len(rows))
	}
	return rows
}

var limitRE = regexp.MustCompile(`≤\s*([0-9.]+)\s*(ms|s)\b`)

// Every row of PRODUCT.md's budget table has a benchmark here, with the
// table's own limit.
func TestEveryProductBudgetHasABenchmark(t *testing.T) {
	for _, row := range productRows(t) {
		var found *Budget
		for k := range Table {
			if strings.HasPrefix(row[0], Table[k].Row) {
				found = &Table[k]
			}
		}
		if found == nil {
			t.Errorf("PRODUCT.md budget %q (%s) has no benchmark in internal/budgets.Table", row[0], row[1])
			continue
		}
		m := limitRE.FindStringSubmatch(row[1])
		if m == nil {
			t.Errorf("budget %q: cannot read the limit %q", row[0], row[1])
			continue
		}
		v, _ := strconv.ParseFloat(m[1], 64)
		unit := time.Millisecond
		if m[2] == "s" {
			unit = time.Second
		}
		if want := time.Duration(v * float64(unit)); found.Limit != want {
			t.Errorf("budget %q: Table says %v, PRODUCT.md %q", row[0], found.Limit, row[1])
		}
	}
}

// Every benchmark the table names exists in its package's tests.
func TestEveryBudgetBenchmarkExists(t *testing.T) {
	for _, b := range Table {
		dir := filepath.Join(root, strings.TrimPrefix(strings.TrimPrefix(b.Pkg, "parley"), "/"))
		files, _ := filepath.Glob(filepath.Join(dir, "*_test.go"))
		var src strings.Builder
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			src.Write(data)
		}
		for _, name := range b.Benches {
			if !strings.Contains(src.String(), "func "+name+"(b *testing.B)") {
				t.Errorf("budget %q: no %s in %s", b.Row, name, dir)
			}
		}
	}
}

// The report reads go test's output: one line per budget, the slowest
// benchmark as its figure, "over" past the budget, and a budget with no
// figure reported missing.
func TestReport(t *testing.T) {
	out := `pkg: parley/store
BenchmarkOpen250x10-2                  	      20	   9696706 ns/op
BenchmarkSave250x10-2                  	      20	  40045569 ns/op	 123 B/op
BenchmarkSavePlain250x10-2             	      20	  33567473 ns/op
BenchmarkSaveWithWhatIfs250x10-2       	      20	  42420549 ns/op
BenchmarkSaveOneEdit250x10-2           	      20	  41198676 ns/op
BenchmarkSaveWithFullJournal250x10-2   	      20	  73783723 ns/op
pkg: parley/ui
BenchmarkSliderToChart-2           	       1	  60089145 ns/op	        12.50 p95-ms
`
	var w strings.Builder
	missing := Report(&w, Parse(strings.NewReader(out)))
	lines := strings.Split(w.String(), "\n")
	find := func(prefix string) string {
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return l
			}
		}
		t.Fatalf("no line for %q in\n%s", prefix, w.String())
		return ""
	}
	if l := find("open / save"); !strings.Contains(l, "73.8 ms") || !strings.Contains(l, "over") || !strings.Contains(l, "Open250x10 9.7 ms") {
		t.Errorf("save line: %q", l)
	}
	if l := find("slider drag"); !strings.Contains(l, "12.5 ms") || !strings.Contains(l, " ok ") {
		t.Errorf("slider line (p95, not ns/op): %q", l)
	}
	if len(missing) != len(Table)-2 {
		t.Errorf("missing %v, want every budget but the two measured", missing)
	}
}
