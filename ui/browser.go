package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"parley/model"
)

func bg() context.Context { return context.Background() }

// browser is the scenario list: scenarios with their what-ifs indented under
// them, and the actions on them (new, duplicate, rename, delete with undo).
type browser struct {
	u        *App
	list     *widget.List
	selected int
	undoDel  *widget.Button
	deleted  []*model.Scenario // the last deletion, for its undo
	// deletedDeck is the deleted scenario's briefing deck, restored with it.
	// (Its undo history and recorded runs are not: the dialog says so.)
	deletedDeck *model.Deck
}

func newBrowser(u *App) *browser {
	b := &browser{u: u, selected: -1}
	b.list = widget.NewList(
		func() int { return len(u.scenarios) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("What-if: a long scenario name")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := u.scenarios[i]
			text := s.Name
			if s.Base != "" {
				text = "   ↳ " + s.Name
			}
			o.(*widget.Label).SetText(text)
		})
	b.list.OnSelected = func(i widget.ListItemID) {
		if i == b.selected {
			return
		}
		b.selected = i
		if err := u.Open(u.scenarios[i].Name); err != nil {
			u.ShowError(err)
		}
	}
	b.undoDel = widget.NewButtonWithIcon("Undo delete", theme.ContentUndoIcon(), b.restore)
	b.undoDel.Hide()
	return b
}

func (b *browser) object() fyne.CanvasObject {
	bar := container.NewGridWithColumns(2,
		widget.NewButtonWithIcon("New", theme.ContentAddIcon(), b.newScenario),
		widget.NewButtonWithIcon("Duplicate", theme.ContentCopyIcon(), b.duplicate),
		widget.NewButtonWithIcon("Rename", theme.DocumentCreateIcon(), b.rename),
		widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), b.delete),
	)
	head := widget.NewLabelWithStyle("Scenarios", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(head, container.NewVBox(b.undoDel, bar), nil, nil, b.list)
}

func (b *browser) refresh() {
	b.selected = -1
	b.list.UnselectAll()
	b.list.Refresh()
}

func (b *browser) selectIndex(i int) {
	b.selected = -1
	b.list.Select(i)
}

// nameFree refuses a name another scenario of the project already has:
// saving under it would replace that scenario.
func (u *App) nameFree(name string) error {
	if err := model.CheckName("scenario name", name); err != nil {
		return err
	}
	for _, s := range u.scenarios {
		if s.Name == name {
			return model.Invalid("scenario name", model.RuleUnique, "another scenario is already called %q; choose another name", name)
		}
	}
	return nil
}

// uniqueName returns name, or name (2), name (3)... not yet taken.
func (b *browser) uniqueName(name string) string {
	taken := map[string]bool{}
	for _, s := range b.u.scenarios {
		taken[s.Name] = true
	}
	if !taken[name] {
		return name
	}
	for k := 2; ; k++ {
		n := fmt.Sprintf("%s (%d)", name, k)
		if !taken[n] {
			return n
		}
	}
}

func (b *browser) ask(title, initial string, done func(string)) {
	e := widget.NewEntry()
	e.SetText(initial)
	e.Validator = func(s string) error { return model.CheckName("name", s) }
	if b.u.win == nil {
		done(initial)
		return
	}
	d := dialog.NewForm(title, "OK", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", e)}, func(ok bool) {
		if ok {
			done(strings.TrimSpace(e.Text))
		}
	}, b.u.win)
	d.Resize(fyne.NewSize(420, 160))
	d.Show()
}

// NewScenario creates an empty scenario with one issue and opens it.
func (u *App) NewScenario(name string) error {
	sc := &model.Scenario{Name: u.browser.uniqueName(name), Date: today(),
		Issues: []model.Issue{{Key: "issue-1", Name: "Issue 1", Anchors: []model.Anchor{{At: 0, Label: "one end"}, {At: 100, Label: "the other end"}}}}}
	if err := u.repo.SaveScenario(sc); err != nil {
		return err
	}
	return u.Reload(sc.Name)
}

func (b *browser) newScenario() {
	b.ask("New scenario", b.uniqueName("New scenario"), func(name string) {
		if err := b.u.NewScenario(name); err != nil {
			b.u.ShowError(err)
		}
	})
}

// Duplicate stores a copy of the open scenario under a new name (a what-if's
// copy is a what-if of the same base) and opens it.
func (u *App) Duplicate(name string) error {
	if u.current == nil {
		return nil
	}
	if err := u.nameFree(name); err != nil {
		return err
	}
	cp := u.current.Clone()
	cp.Name, cp.ID = name, 0
	if u.base != nil {
		cp = cp.StoredWhatIf(u.base.Name, cp.Overrides)
		cp.ID, cp.Version = 0, ""
	}
	if err := u.repo.SaveScenario(cp); err != nil {
		return err
	}
	return u.Reload(name)
}

func (b *browser) duplicate() {
	if b.u.current == nil {
		return
	}
	b.ask("Duplicate scenario", b.uniqueName(b.u.current.Name+" copy"), func(name string) {
		if err := b.u.Duplicate(name); err != nil {
			b.u.ShowError(err)
		}
	})
}

func (b *browser) rename() {
	u := b.u
	if u.current == nil {
		return
	}
	b.ask("Rename scenario", u.current.Name, func(name string) {
		if err := u.Rename(name); err != nil {
			u.ShowError(err)
		}
	})
}

// Rename renames the open scenario in place: its what-ifs and its undo
// history follow it.
func (u *App) Rename(name string) error {
	if u.current == nil || name == u.current.Name {
		return nil
	}
	if err := u.repo.RenameScenario(u.current.Name, name); err != nil {
		return err
	}
	return u.Reload(name)
}

// DeleteCurrent removes the open scenario (and a base's what-ifs), keeping a
// copy so that "Undo delete" can bring it back.
func (u *App) DeleteCurrent() error {
	if u.current == nil {
		return nil
	}
	var keep []*model.Scenario
	if u.base != nil {
		keep = append(keep, u.current.StoredWhatIf(u.base.Name, u.current.Overrides))
	} else {
		keep = append(keep, u.current.Clone())
		for _, s := range u.scenarios {
			if s.Base == u.current.Name {
				wi, err := u.repo.LoadScenario(s.Name)
				if err != nil {
					return err
				}
				keep = append(keep, wi.StoredWhatIf(wi.Base, wi.Overrides))
			}
		}
	}
	u.browser.deletedDeck = nil
	if decks, ok := u.repo.(model.DeckRepository); ok {
		if d, err := decks.LoadDeck(u.current.Name); err == nil {
			u.browser.deletedDeck = d
		}
	}
	if err := u.repo.DeleteScenario(u.current.Name); err != nil {
		return err
	}
	u.browser.deleted = keep
	u.browser.undoDel.SetText(fmt.Sprintf("Undo delete of %q", keep[0].Name))
	u.browser.undoDel.Show()
	u.current, u.live, u.base, u.result = nil, nil, nil, nil
	return u.Reload("")
}

func (b *browser) delete() {
	u := b.u
	if u.current == nil {
		return
	}
	msg := fmt.Sprintf("Delete %q?", u.current.Name)
	if u.base == nil {
		msg += " Its what-ifs go with it."
	}
	if u.win == nil {
		if err := u.DeleteCurrent(); err != nil {
			u.ShowError(err)
		}
		return
	}
	dialog.ShowConfirm("Delete scenario", msg+" Until you close Parley, Undo delete brings it back with its briefing deck (not its undo history or recorded runs).", func(ok bool) {
		if ok {
			if err := u.DeleteCurrent(); err != nil {
				u.ShowError(err)
			}
		}
	}, u.win)
}

// restore brings back the last deleted scenario.
func (b *browser) restore() {
	if len(b.deleted) == 0 {
		return
	}
	for _, s := range b.deleted {
		if err := b.u.nameFree(s.Name); err != nil {
			b.u.ShowError(err)
			return
		}
	}
	if err := b.u.repo.SaveFile(b.deleted); err != nil {
		b.u.ShowError(err)
		return
	}
	name := b.deleted[0].Name
	if decks, ok := b.u.repo.(model.DeckRepository); ok && b.deletedDeck != nil {
		if err := decks.SaveDeck(name, b.deletedDeck); err != nil {
			b.u.ShowError(err)
		}
	}
	b.deleted, b.deletedDeck = nil, nil
	b.undoDel.Hide()
	b.u.Reload(name)
}

// SaveAsWhatIf stores the live scenario (with any slider changes) as a new
// what-if of the open base scenario.
func (u *App) SaveAsWhatIf(name string) error {
	if u.live == nil {
		return nil
	}
	base := u.base
	if base == nil {
		base = u.current
	}
	if err := u.nameFree(name); err != nil {
		return err
	}
	ov, err := model.Diff(base, u.live)
	if err != nil {
		return err
	}
	wi := &model.Scenario{Name: name, Date: today(), Base: base.Name, Overrides: ov,
		Description: fmt.Sprintf("What-if of %s: %s", base.Name, model.Count(len(ov), "change"))}
	if err := u.repo.SaveScenario(wi); err != nil {
		return err
	}
	return u.Reload(name)
}
