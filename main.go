// Command parley is the Parley desktop app: an offline workbench for analysts
// who forecast negotiations. This file is wiring only: open the project file,
// load the default scenario into a fresh one, build the window, run.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"parley/assets"
	"parley/model"
	"parley/store"
	"parley/ui"
)

// AppID is Parley's application ID (also in FyneApp.toml); set in code so a
// binary packaged with `fyne package --exe` keeps its preferences folder.
const AppID = "org.parley.desktop"

func main() {
	dbPath := flag.String("db", "", "project file (SQLite); default: parley.db in the app's storage folder")
	themeName := flag.String("theme", "", "light or dark (default: the system's)")
	scenario := flag.String("scenario", "", "scenario to open first (default: the last one opened)")
	flag.Parse()

	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	switch *themeName {
	case "dark":
		a.Settings().SetTheme(ui.ForcedTheme(theme.VariantDark))
	case "light":
		a.Settings().SetTheme(ui.ForcedTheme(theme.VariantLight))
	case "":
	default:
		fatal(fmt.Errorf("--theme must be light or dark, not %q", *themeName))
	}
	path := *dbPath
	if path == "" {
		path = filepath.Join(a.Storage().RootURI().Path(), "parley.db")
	}
	st, err := store.Open(path)
	if err != nil {
		fatal(err)
	}
	defer st.Close()
	if err := store.SeedDefault(st); err != nil {
		fatal(err)
	}

	w := a.NewWindow("Parley")
	u := ui.New(w, st)
	w.SetContent(u.Content())
	w.Resize(fyne.NewSize(1400, 880))
	first := *scenario
	if first == "" {
		first = a.Preferences().StringWithFallback("lastScenario", assets.MuscatName)
	}
	if err := u.Reload(first); err != nil {
		u.ShowError(err)
	}
	w.SetCloseIntercept(func() {
		if sc := u.Current(); sc != nil {
			a.Preferences().SetString("lastScenario", sc.Name)
		}
		w.Close()
	})
	w.ShowAndRun()
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "parley:", model.ErrorMessage(err))
	os.Exit(1)
}
