package ui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"parley/model"
)

// Deps are what the window needs from outside ui, wired in main.go so that ui
// imports neither the store nor the file codecs.
type Deps struct {
	// OpenProject opens (or creates) the project file at path.
	OpenProject func(path string) (Store, error)
	// SaveProjectAs writes a consistent copy of the open project to path.
	SaveProjectAs func(path string) error
	// ReadFile parses a scenario file in any supported format: the base
	// scenario first, then its what-ifs, and warnings for the analyst.
	ReadFile func(name string, data []byte) ([]*model.Scenario, []string, error)
	// ReadFileAsked reads as the import preview asks (importask.go): with or
	// without the file's own scale; every problem with its place; whether
	// the own scale may be chosen.
	ReadFileAsked func(name string, data []byte, ownScale bool) (scs []*model.Scenario, warnings []string, problems []error, canOwnScale bool)
	// WriteFile writes a scenario (and what-ifs, where the format holds them)
	// in the named format (json, csv, ktab-csv, ktab-xml, xlsx): File › Export data….
	WriteFile func(format string, w io.Writer, s *model.Scenario, whatIfs ...*model.Scenario) ([]string, error)
	// ProjectPath is the open project's file.
	ProjectPath string
}

// recentKey is the preference that lists recent project files (UI state only).
const recentKey = "recentProjects"

// Menus builds the window's main menu and keyboard shortcuts
// (Ctrl/Cmd + Z, Y, S, N, O, E).
func (u *App) Menus(d Deps) *fyne.MainMenu {
	u.deps = d
	u.rememberRecent(d.ProjectPath)
	mod := fyne.KeyModifierShortcutDefault
	item := func(label string, key fyne.KeyName, f func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, f)
		if key != "" {
			it.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: mod}
		}
		return it
	}
	recent := fyne.NewMenuItem("Recent projects", nil)
	recent.ChildMenu = fyne.NewMenu("")
	for _, p := range u.recent() {
		p := p
		recent.ChildMenu.Items = append(recent.ChildMenu.Items, fyne.NewMenuItem(p, func() { u.ShowError(u.SwitchProject(p)) }))
	}
	file := fyne.NewMenu("File",
		item("New scenario", fyne.KeyN, u.browser.newScenario),
		item("Open project…", fyne.KeyO, u.openProjectDialog),
		recent,
		fyne.NewMenuItemSeparator(),
		item("Save", fyne.KeyS, u.Save),
		fyne.NewMenuItem("Save project as…", u.saveAsDialog),
		fyne.NewMenuItem("Import scenario file…", u.importDialog),
		fyne.NewMenuItem("Score models on my cases…", u.scoreCasesDialog),
		fyne.NewMenuItem("Export data…", u.exportDataDialog),
		item("Export chart…", fyne.KeyE, u.exportDialog),
	)
	// Ctrl+Z and Ctrl+Y (Cmd on macOS) reach Fyne as fyne.ShortcutUndo and
	// ShortcutRedo, never as a CustomShortcut: the menu items carry those, so
	// the driver's main-menu lookup (which comes before the focused widget)
	// finds them from anywhere in the window.
	undo := fyne.NewMenuItem("Undo", u.UndoKey)
	undo.Shortcut = &fyne.ShortcutUndo{}
	redo := fyne.NewMenuItem("Redo", u.RedoKey)
	redo.Shortcut = &fyne.ShortcutRedo{}
	edit := fyne.NewMenu("Edit", undo, redo)
	view := fyne.NewMenu("View",
		fyne.NewMenuItem("Light theme", func() { u.SetTheme(theme.VariantLight) }),
		fyne.NewMenuItem("Dark theme", func() { u.SetTheme(theme.VariantDark) }),
	)
	scen := fyne.NewMenu("Scenario",
		fyne.NewMenuItem("Duplicate…", u.browser.duplicate),
		fyne.NewMenuItem("Rename…", u.browser.rename),
		fyne.NewMenuItem("Save as what-if…", u.sliders.askSaveAs),
		fyne.NewMenuItem("Add this chart to the briefing", func() { u.ShowError(u.AddChartToBriefing()) }),
		fyne.NewMenuItem("Model settings…", func() { u.ShowTab("settings") }),
		fyne.NewMenuItem("Delete…", u.browser.delete),
	)
	if u.win != nil {
		// Shortcuts work even where a menu bar is not shown.
		for _, m := range []*fyne.Menu{file, edit} {
			for _, it := range m.Items {
				if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok {
					act := it.Action
					u.win.Canvas().AddShortcut(sc, func(fyne.Shortcut) { act() })
				}
			}
		}
		c := u.win.Canvas()
		c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { u.UndoKey() })
		c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { u.RedoKey() })
		c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: mod | fyne.KeyModifierShift}, func(fyne.Shortcut) { u.RedoKey() })
	}
	return fyne.NewMainMenu(file, edit, view, scen)
}

// UndoKey is Ctrl+Z (Cmd+Z): in a text field with typing of its own to
// undo, that typing; anywhere else, the last edit of the scenario.
func (u *App) UndoKey() { u.keyUndoneScenario = u.keyStep(&fyne.ShortcutUndo{}, u.Undo, false) }

// RedoKey is Ctrl+Y (Cmd+Y, Ctrl+Shift+Z), like UndoKey; after a key undid
// the scenario, the scenario is redone first.
func (u *App) RedoKey() { u.keyStep(&fyne.ShortcutRedo{}, u.Redo, u.keyUndoneScenario) }

// keyStep gives the shortcut to a focused text field first (unless
// scenarioFirst), and steps the scenario when the field had nothing of its
// own to take back; it reports whether it stepped the scenario.
func (u *App) keyStep(sc fyne.Shortcut, step func() error, scenarioFirst bool) bool {
	h := u.s.History()
	if _, canRedo := h.CanRedo(); u.win != nil && !(scenarioFirst && canRedo) {
		if e, ok := u.win.Canvas().Focused().(*widget.Entry); ok {
			before := e.Text
			e.TypedShortcut(sc)
			if e.Text != before {
				return false
			}
		}
	}
	u.ShowError(step())
	return true
}

// SetTheme switches the app between light and dark and redraws the charts.
func (u *App) SetTheme(v fyne.ThemeVariant) {
	a := fyne.CurrentApp()
	a.Settings().SetTheme(ForcedTheme(v))
	name := "light"
	if v == theme.VariantDark {
		name = "dark"
	}
	a.Preferences().SetString("theme", name)
	u.refreshViews()
}

// Save confirms that everything is stored: every edit is written in its own
// transaction the moment it is made.
func (u *App) Save() {
	if u.current == nil {
		return
	}
	u.showMessage(fmt.Sprintf("Saved: every edit to %q is already in %s.", u.current.Name, filepath.Base(u.deps.ProjectPath)))
}

func (u *App) recent() []string {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}
	var out []string
	for _, p := range strings.Split(a.Preferences().String(recentKey), "\n") {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (u *App) rememberRecent(path string) {
	a := fyne.CurrentApp()
	if a == nil || path == "" {
		return
	}
	list := []string{path}
	for _, p := range u.recent() {
		if p != path && len(list) < 8 {
			list = append(list, p)
		}
	}
	a.Preferences().SetString(recentKey, strings.Join(list, "\n"))
}

// SwitchProject closes the open project file and opens the one at path.
func (u *App) SwitchProject(path string) error {
	if u.deps.OpenProject == nil {
		return nil
	}
	st, err := u.deps.OpenProject(path)
	if err != nil {
		return err
	}
	if c, ok := u.repo.(io.Closer); ok {
		c.Close()
	}
	u.repo, u.deps.ProjectPath = st, path
	u.s.SwitchProject(st)
	u.sync()
	u.lastRun = ""
	u.browser.deleted, u.browser.deletedDeck = nil, nil // an undo delete belongs to the project it came from
	u.browser.undoDel.Hide()
	u.resetViews()
	u.rememberRecent(path)
	if u.win != nil {
		u.win.SetTitle("Parley — " + filepath.Base(path))
	}
	return u.Reload("")
}

func (u *App) openProjectDialog() {
	if u.win == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		u.ShowError(u.SwitchProject(r.URI().Path()))
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db", ".parley"}))
	d.Show()
}

func (u *App) saveAsDialog() {
	if u.win == nil || u.deps.SaveProjectAs == nil {
		return
	}
	// Parley's save dialog (savedialog.go): Fyne's would truncate the chosen
	// file itself, even the project that is open, before the copy is made.
	u.askSave("Save project as", nil, "parley-project.db", func(path string) {
		if err := u.deps.SaveProjectAs(path); err != nil {
			u.ShowError(err)
			return
		}
		u.showMessage("Saved a copy of the project as " + path)
	})
}

// Import parses a scenario file and, after the analyst has seen the preview,
// stores it in one transaction. preview is called with what would be imported;
// it calls commit to go ahead.
func (u *App) Import(name string, data []byte, preview func(summary string, commit func())) error {
	if u.deps.ReadFile == nil {
		return nil
	}
	scs, warnings, err := u.deps.ReadFile(name, data)
	if err != nil {
		return err
	}
	u.importParsed(scs, warnings, preview)
	return nil
}

// importParsed names what was read so it replaces nothing, then previews it.
func (u *App) importParsed(scs []*model.Scenario, warnings []string, preview func(summary string, commit func())) {
	// Imported names never replace the project's own scenarios: the base
	// gets a free name and its what-ifs follow it, each with a free name too.
	renamed := map[string]string{}
	taken := map[string]bool{}
	free := func(name string) string {
		n := u.browser.uniqueName(name)
		for k := 2; taken[n]; k++ {
			n = u.browser.uniqueName(fmt.Sprintf("%s (%d)", name, k))
		}
		taken[n] = true
		return n
	}
	for _, s := range scs {
		if s.Base == "" {
			old := s.Name
			s.Name = free(old)
			renamed[old] = s.Name
		}
	}
	for _, s := range scs {
		if s.Base != "" {
			if to, ok := renamed[s.Base]; ok {
				s.Base = to
			}
			s.Name = free(s.Name)
		}
	}
	var b strings.Builder
	for _, s := range scs {
		if s.Base != "" {
			fmt.Fprintf(&b, "What-if %q: %s\n", s.Name, model.Count(len(s.Overrides), "override"))
		} else {
			fmt.Fprintf(&b, "Scenario %q: %s, %s\n", s.Name, model.Count(len(s.Actors), "actor"), model.Count(len(s.Issues), "issue"))
		}
	}
	for _, w := range warnings {
		fmt.Fprintf(&b, "Note: %s\n", w)
	}
	preview(b.String(), func() {
		save := u.repo.SaveFile
		if n, ok := u.repo.(interface{ SaveFileNew([]*model.Scenario) error }); ok {
			save = n.SaveFileNew // the free names are checked again in the write transaction
		}
		if err := save(scs); err != nil {
			u.ShowError(err)
			return
		}
		u.ShowError(u.Reload(scs[0].Name))
	})
}

func (u *App) importDialog() {
	if u.win == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		data, err := io.ReadAll(io.LimitReader(r, model.MaxFileSize+1)) // more is refused by its size
		if err != nil {
			u.ShowError(err)
			return
		}
		if u.deps.ReadFileAsked != nil {
			u.previewImport(r.URI().Name(), data) // importask.go: every problem, the own-scale choice
			return
		}
		u.importInBackground(r.URI().Name(), data, func(summary string, commit func()) {
			dialog.ShowCustomConfirm("Import "+r.URI().Name(), "Import", "Cancel", widget.NewLabel(summary), func(ok bool) {
				if ok {
					commit()
				}
			}, u.win)
		})
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".csv", ".xml", ".xlsx", ".txt"})) // .txt: Decide files
	d.Show()
}

// AddChartToBriefing appends the chart of the selected view, with its
// settings (issue, model, round), to the scenario's briefing deck.
func (u *App) AddChartToBriefing() error {
	cv := u.currentChart()
	if cv == nil || u.live == nil {
		return model.Errorf(model.ENOTFOUND, "this view has no chart to add to the briefing")
	}
	spec, ok := cv.spec()
	if !ok || spec.Kind == "" {
		return model.Errorf(model.ENOTFOUND, "this chart cannot go into a briefing deck")
	}
	u.briefing.refresh() // load the scenario's deck if it is not loaded yet
	u.briefing.add(spec)
	u.showMessage(fmt.Sprintf("Added the %s chart to the briefing (slide %d).", spec.Kind, len(u.briefing.deck.Slides)))
	return nil
}

// currentChart is the chart of the selected tab, if it has one.
func (u *App) currentChart() *ChartView {
	if u.tabs == nil {
		return nil
	}
	for _, v := range u.views {
		if c, ok := v.(interface{ Chart() *ChartView }); ok && u.tabs.Selected() == v.tab() {
			return c.Chart()
		}
	}
	return nil
}
