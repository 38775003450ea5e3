package archtest

import (
	"bufio"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

const module = "parley"

// rule is one row of the README table: the folders it covers and what their
// (non-test) Go files may import.
type rule struct {
	folders []string // "." for the module root
	// any: the row says "everything" (or tests only): nothing is checked.
	any bool
	// allow lists our packages the row names; "x/..." allows x and below.
	allow []string
	// forbid lists outside import prefixes the row rules out ("no fyne, sql or plot").
	forbid []string
	text   string
}

var tick = regexp.MustCompile("`([^`]+)`")

// readTable parses the "may import" table of README.md.
func readTable(path string) ([]rule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rules []rule
	in, gap := false, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "| folder") && strings.Contains(line, "may import") {
			in = true
			continue
		}
		if !in {
			continue
		}
		if strings.HasPrefix(line, "#") && len(rules) > 0 {
			break // the next section
		}
		if !strings.HasPrefix(line, "|") {
			if len(rules) > 0 {
				gap = true
			}
			continue
		}
		if gap {
			// A markdown table ends at a blank line: rows after it are a second
			// table a reader takes for this one, and this test would not read.
			return nil, fmt.Errorf("%s: a row of the \"may import\" table after a gap in it: %s", path, line)
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) < 3 || strings.HasPrefix(strings.TrimSpace(cells[0]), "---") {
			continue
		}
		r := parseRule(strings.TrimSpace(cells[0]), strings.TrimSpace(cells[len(cells)-1]))
		rules = append(rules, r)
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("%s: no \"may import\" table found", path)
	}
	return rules, sc.Err()
}

func parseRule(folders, may string) rule {
	r := rule{text: may}
	for _, m := range tick.FindAllStringSubmatch(folders, -1) {
		f := strings.TrimSuffix(m[1], "/")
		if strings.HasSuffix(f, ".go") || strings.HasSuffix(f, ".toml") {
			f = filepath.Dir(f)
		}
		r.folders = append(r.folders, filepath.ToSlash(f))
	}
	low := strings.ToLower(may)
	if strings.HasPrefix(low, "everything") || strings.Contains(low, "tests only") {
		r.any = true
		return r
	}
	for _, m := range tick.FindAllStringSubmatch(may, -1) {
		r.allow = append(r.allow, m[1])
	}
	if i := strings.Index(low, "no "); i >= 0 {
		words := low[i:]
		for w, prefixes := range map[string][]string{
			"fyne": {"fyne.io/"},
			"sql":  {"database/sql", "github.com/mattn/go-sqlite3"},
			"plot": {"gonum.org/v1/plot"},
		} {
			if strings.Contains(words, w) {
				r.forbid = append(r.forbid, prefixes...)
			}
		}
	}
	return r
}

// ruleFor is the row of dir: its own, else its nearest parent's.
func ruleFor(rules []rule, dir string) (rule, bool) {
	for d := dir; ; d = filepath.ToSlash(filepath.Dir(d)) {
		for _, r := range rules {
			for _, f := range r.folders {
				if f == d {
					return r, true
				}
			}
		}
		if d == "." || d == "/" || d == "" {
			return rule{}, false
		}
	}
}

// violation says why pkg (a folder) may not import imp under r, or "".
func violation(r rule, imp string) string {
	if r.any {
		return ""
	}
	for _, p := range r.forbid {
		if strings.HasPrefix(imp, p) {
			return fmt.Sprintf("imports %s; its row says %q", imp, r.text)
		}
	}
	if imp != module && !strings.HasPrefix(imp, module+"/") {
		return ""
	}
	ours := strings.TrimPrefix(strings.TrimPrefix(imp, module), "/")
	for _, a := range r.allow {
		base := strings.TrimSuffix(a, "/...")
		if a == ours || base != a && (ours == base || strings.HasPrefix(ours, base+"/")) {
			return ""
		}
	}
	return fmt.Sprintf("imports %s; its row says %q", imp, r.text)
}

// imports lists each package folder's imports from its non-test Go files.
func imports(root string) (map[string][]string, error) {
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); path != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "vendor" || n == "out" || n == "bin") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		if f.Name.Name == "main" && strings.Contains(path, "gen_") {
			return nil // a go:generate tool, not part of the build
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		if _, ok := out[rel]; !ok {
			out[rel] = nil
		}
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			out[rel] = append(out[rel], p)
		}
		return nil
	})
	return out, err
}

// Every package imports only what the README's table says it may.
func TestImportsFollowTheREADME(t *testing.T) {
	root := filepath.Join("..", "..")
	rules, err := readTable(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	pkgs, err := imports(root)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for d := range pkgs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		r, ok := ruleFor(rules, d)
		if !ok {
			t.Errorf("%s: no row of the README's \"What is where\" table covers it; add one", d)
			continue
		}
		seen := map[string]bool{}
		for _, imp := range pkgs[d] {
			if seen[imp] {
				continue
			}
			seen[imp] = true
			if v := violation(r, imp); v != "" {
				t.Errorf("%s %s", d, v)
			}
		}
	}
}

// The checker itself catches what it must: fyne in model, the store in the
// UI, a package the row does not name; and lets through what a row allows.
func TestViolation(t *testing.T) {
	model := parseRule("`model/`", "nothing of ours; no fyne, sql or plot")
	ui := parseRule("`ui/`", "`model/...`, `ui/chart`, `ui/session` (storage only through interfaces)")
	chart := parseRule("`ui/chart/`", "`model/...`; no fyne")
	for _, c := range []struct {
		r    rule
		imp  string
		fail bool
	}{
		{model, "fyne.io/fyne/v2", true},
		{model, "database/sql", true},
		{model, "gonum.org/v1/plot/vg", true},
		{model, "parley/model/bdm", true},
		{model, "math", false},
		{ui, "parley/store", true},
		{ui, "parley/store/codec", true},
		{ui, "parley/model/forecast", false},
		{ui, "parley/model", false},
		{ui, "parley/ui/chart", false},
		{ui, "fyne.io/fyne/v2/widget", false},
		{chart, "fyne.io/fyne/v2/canvas", true},
		{chart, "gonum.org/v1/plot", false},
		{chart, "parley/ui", true},
	} {
		if got := violation(c.r, c.imp) != ""; got != c.fail {
			t.Errorf("%q importing %s: violation %v, want %v", c.r.text, c.imp, got, c.fail)
		}
	}
}
