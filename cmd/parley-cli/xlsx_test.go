package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A workbook exported from a project imports into another; a bad one is
// refused with its sheet, cell and rule, and the project is left as it was.
func TestXLSXExportImportAndRefusal(t *testing.T) {
	dir := t.TempDir()
	src := muscatDB(t)
	book := filepath.Join(dir, "Muscat.xlsx")
	if _, stderr, code := cli(t, "export", "--db", src, "--scenario", "Muscat 2026", "--format", "xlsx", "--out", book); code != 0 {
		t.Fatalf("export xlsx: %s", stderr)
	}
	db := filepath.Join(dir, "p.db")
	if _, stderr, code := cli(t, "import", book, "--db", db); code != 0 {
		t.Fatalf("import xlsx: %s", stderr)
	}
	before, stderr, code := cli(t, "show", "--db", db)
	if code != 0 || !strings.Contains(before, "Muscat 2026") || !strings.Contains(before, "Russia takes the stockpile") {
		t.Fatalf("show after import: exit %d %s\n%s", code, stderr, before)
	}

	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("stances", "F7", 140); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "Bad.xlsx")
	if err := f.SaveAs(bad); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, stderr, code = cli(t, "import", bad, "--db", db, "--scenario", "Other", "--replace")
	if code == 0 {
		t.Fatal("a salience of 140 was imported")
	}
	for _, want := range []string{"Bad.xlsx: sheet stances, cell F7", "140 is outside 0-100", "(rule: 0-100 scale)"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q does not say %q", stderr, want)
		}
	}
	after, _, _ := cli(t, "show", "--db", db)
	if after != before {
		t.Errorf("the refused import changed the project:\nbefore %s\nafter %s", before, after)
	}
	if _, err := os.Stat(bad); err != nil {
		t.Fatal(err)
	}
}
