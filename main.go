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
	"parley/store/codec"
	"parley/ui"
)

// AppID is Parley's application ID (also in FyneApp.toml); set in code so a
// binary packaged with `fyne package --exe` keeps its preferences folder.
const AppID = "org.parley.desktop"

func main() {
	dbPath := flag.String("db", "", "project file (SQLite); default: parley.db in the app's storage folder")
	themeName := flag.String("theme", "", "light or dark (default: the last one chosen, else the system's)")
	scenario := flag.String("scenario", "", "scenario to open first (default: the last one opened)")
	tab := flag.String("tab", "", "view to show first: summary (the default), stance, coalitions, trajectory, exchanges, data, uncertainty, compare")
	flag.Parse()

	a := app.NewWithID(AppID)
	ui.FallbackFonts() // Persian and Chinese in the window where the system lacks fonts for them
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if *themeName == "" {
		*themeName = a.Preferences().String("theme")
	}
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
	w := a.NewWindow("Parley — " + filepath.Base(path))
	// A laptop size by default; a remembered size, clamped to the screen (ui/layout.go).
	w.Resize(ui.WindowSize(fyne.NewSize(float32(a.Preferences().Float("width")), float32(a.Preferences().Float("height"))), screenSize(a)))
	var st *store.Store
	defer func() {
		if st != nil {
			st.Close()
		}
	}()
	// start fills the window with the project at path (already open as st).
	start := func(path string) {
		w.SetTitle("Parley — " + filepath.Base(path))
		u := ui.New(w, st)
		w.SetContent(u.Content())
		w.SetMainMenu(u.Menus(ui.Deps{
			ProjectPath: path,
			OpenProject: func(p string) (ui.Store, error) {
				s, err := openProject(p)
				if err == nil {
					st = s
				}
				return s, err
			},
			SaveProjectAs: func(p string) error { return st.SaveAs(p) },
			ReadFile:      codec.ReadScenarios,
			ReadFileAsked: codec.ReadAsked,
			WriteFile:     codec.WriteNamed,
		}))
		first := *scenario
		if first == "" {
			first = a.Preferences().StringWithFallback("lastScenario", assets.MuscatName)
		}
		if err := u.Reload(first); err != nil {
			u.ShowError(err)
		}
		u.ShowTab(*tab)
		w.SetCloseIntercept(func() {
			if sc := u.Current(); sc != nil {
				a.Preferences().SetString("lastScenario", sc.Name)
			}
			size := w.Canvas().Size()
			a.Preferences().SetFloat("width", float64(size.Width))
			a.Preferences().SetFloat("height", float64(size.Height))
			w.Close()
		})
	}
	var err error
	if st, err = openProject(path); err != nil {
		// Newer, damaged, not SQLite, locked: the window says why and offers
		// another project or a fresh one (ui/startup.go).
		ui.ShowStartupFailure(w, path, err, func(p string) error {
			s, err := openProject(p)
			if err != nil {
				return err
			}
			st = s
			start(p)
			return nil
		})
	} else {
		start(path)
	}
	w.ShowAndRun()
}

// openProject opens a project file and, when it is new, loads the default scenario.
func openProject(path string) (*store.Store, error) {
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	if err := store.SeedDefault(st); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "parley:", model.ErrorMessage(err))
	os.Exit(1)
}
