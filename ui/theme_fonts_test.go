package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/fontscan"

	"parley/assets/fonts"
)

type quiet struct{}

func (quiet) Printf(string, ...any) {}

// The shipped faces land in a folder go-text's font scanner (which Fyne
// asks for any character its theme font lacks) reads, and that folder has a
// face for Persian and one for Chinese.
func TestFallbackFontsReachTheScanner(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux and the BSDs need the shipped faces in the window")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("XDG_DATA_DIRS", "/usr/share")
	dir := installFallbackFonts()
	if dir == "" {
		t.Fatal("nothing installed")
	}
	for name, data := range fonts.Files {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(b, data) {
			t.Errorf("%s: %v, %d bytes of %d", name, err, len(b), len(data))
		}
	}
	dirs, err := fontscan.DefaultFontDirectories(quiet{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(dirs, dir) {
		t.Fatalf("the scanner reads %q, not %s", dirs, dir)
	}
	for r, name := range map[rune]string{'中': "DroidSansFallbackFull.ttf", 'خ': "NotoSansArabic-Regular.ttf"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		face, err := font.ParseTTF(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := face.NominalGlyph(r); !ok {
			t.Errorf("%s has no %q", name, r)
		}
	}
	// A second start rewrites nothing and adds the folder again harmlessly.
	if again := installFallbackFonts(); again != dir {
		t.Errorf("second install: %q", again)
	}
}
