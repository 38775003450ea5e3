package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"parley/assets/fonts"
)

// FallbackFonts makes the fonts Parley ships (assets/fonts: Noto Sans
// Arabic, Droid Sans Fallback) ones the window falls back to. Fyne sets a
// character its theme font lacks in the first system font that has it,
// found by go-text's font scanner; on Linux and the BSDs that scanner also
// reads $XDG_DATA_DIRS/fonts, so the faces are written once to
// <user cache>/parley/share/fonts and that folder joins XDG_DATA_DIRS of
// this process, before Fyne first scans (the theme is set before any text
// is measured; main calls it too). Windows (Segoe UI, Tahoma, Microsoft YaHei) and macOS
// (Geeza Pro, PingFang) have both scripts in every install, so nothing is
// done there. It returns the folder, or "" when it did nothing.
func FallbackFonts() string {
	fallbackOnce.Do(func() { fallbackDir = installFallbackFonts() })
	return fallbackDir
}

var (
	fallbackOnce sync.Once
	fallbackDir  string
)

func installFallbackFonts() string {
	switch runtime.GOOS {
	case "linux", "freebsd", "openbsd", "netbsd":
	default:
		return ""
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	share := filepath.Join(base, "parley", "share")
	dir := filepath.Join(share, "fonts")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ""
	}
	for name, data := range fonts.Files {
		p := filepath.Join(dir, name)
		if old, err := os.ReadFile(p); err == nil && bytes.Equal(old, data) {
			continue
		}
		// Write beside, then rename: a second window starting at the same
		// moment never reads half a font.
		tmp := p + ".tmp"
		if os.WriteFile(tmp, data, 0o644) != nil || os.Rename(tmp, p) != nil {
			os.Remove(tmp)
			return ""
		}
	}
	dirs := os.Getenv("XDG_DATA_DIRS")
	if dirs == "" {
		dirs = "/usr/local/share:/usr/share" // the XDG default
	}
	os.Setenv("XDG_DATA_DIRS", dirs+string(os.PathListSeparator)+share)
	return dir
}
