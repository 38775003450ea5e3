package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
	"gonum.org/v1/plot"

	"parley/model"
	"parley/ui/chart"
)

// App is Parley's main window content: the scenario browser on the left and
// the views of the open scenario on the right.
type App struct {
	repo model.Repository
	win  fyne.Window

	scenarios []model.ScenarioInfo
	current   *model.Scenario
	issue     int

	list        *widget.List
	title       *widget.Label
	status      *widget.Label
	issueSelect *widget.Select
	stance      *ChartView
	actors      *widget.Table
	tabs        *container.AppTabs
}

// New builds the main window's content for win from the scenarios in repo.
func New(win fyne.Window, repo model.Repository) *App {
	u := &App{repo: repo, win: win}
	u.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	u.status = widget.NewLabel("")
	u.status.Wrapping = fyne.TextWrapWord
	u.list = u.newScenarioList()
	u.stance = NewChartView(u.buildStanceMap)
	u.issueSelect = widget.NewSelect(nil, u.onIssueSelected)
	u.issueSelect.PlaceHolder = "Choose an issue"
	u.actors = u.newActorTable()
	return u
}

// Content is the window's whole content.
func (u *App) Content() fyne.CanvasObject {
	stanceTab := container.NewBorder(
		container.NewHBox(widget.NewLabel("Issue"), u.issueSelect), nil, nil, nil,
		u.stance.Object())
	u.tabs = container.NewAppTabs(
		container.NewTabItem("Stance map", stanceTab),
		container.NewTabItem("Actors", u.actors),
	)
	left := container.NewBorder(widget.NewLabelWithStyle("Scenarios", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), nil, nil, nil, u.list)
	right := container.NewBorder(u.title, u.status, nil, nil, u.tabs)
	split := container.NewHSplit(left, right)
	split.Offset = 0.2
	return split
}

// Reload re-reads the scenario list and opens name (or the first scenario).
func (u *App) Reload(name string) error {
	list, err := u.repo.ListScenarios()
	if err != nil {
		return err
	}
	u.scenarios = list
	u.list.Refresh()
	if len(list) == 0 {
		u.showMessage("This project has no scenario yet.")
		return nil
	}
	pick := 0
	for i, s := range list {
		if s.Name == name {
			pick = i
		}
	}
	u.list.Select(pick)
	return nil
}

// Open loads and shows the named scenario.
func (u *App) Open(name string) error {
	sc, err := u.repo.LoadScenario(name)
	if err != nil {
		return err
	}
	u.current = sc
	u.title.SetText(scenarioTitle(sc))
	names := make([]string, len(sc.Issues))
	for i, is := range sc.Issues {
		names[i] = is.Name
	}
	u.issueSelect.Options = names
	u.issue = -1
	if len(names) > 0 {
		u.issueSelect.SetSelectedIndex(0) // calls onIssueSelected
	} else {
		u.issueSelect.ClearSelected()
		u.stance.Invalidate()
	}
	u.actors.Refresh()
	u.showMessage("")
	return nil
}

// Current is the open scenario (nil before one is opened).
func (u *App) Current() *model.Scenario { return u.current }

// Issue is the index of the issue shown on the stance map.
func (u *App) Issue() int { return u.issue }

// Stance is the stance-map view.
func (u *App) Stance() *ChartView { return u.stance }

// IssueSelect is the issue picker.
func (u *App) IssueSelect() *widget.Select { return u.issueSelect }

// Status is the line under the views where problems are reported.
func (u *App) Status() *widget.Label { return u.status }

func scenarioTitle(sc *model.Scenario) string {
	t := sc.Name
	if sc.Date != "" {
		t += " · " + sc.Date
	}
	if sc.Base != "" {
		t += " · what-if of " + sc.Base
	}
	return t + fmt.Sprintf(" · %d actors, %d issues", len(sc.Actors), len(sc.Issues))
}

func (u *App) onIssueSelected(string) {
	u.issue = u.issueSelect.SelectedIndex()
	u.stance.Invalidate()
	if _, err := u.stance.Plot(); err != nil {
		u.showMessage(model.ErrorMessage(err))
	} else {
		u.showMessage("")
	}
}

func (u *App) buildStanceMap(st chart.Style) (*plot.Plot, error) {
	if u.current == nil || u.issue < 0 || u.issue >= len(u.current.Issues) {
		return nil, nil
	}
	in := chart.StanceFromScenario(u.current, u.issue, nil)
	in.Markers = append(in.Markers, chart.StatusQuoMarker(st, u.current.Issues[u.issue].StatusQuo))
	return chart.StanceMap(in, st)
}

func (u *App) showMessage(msg string) {
	u.status.SetText(msg)
	if msg == "" {
		u.status.Hide()
	} else {
		u.status.Show()
	}
}

// ShowError tells the analyst what went wrong in a sentence they can act on.
func (u *App) ShowError(err error) {
	fyne.LogError("parley", err)
	if u.win != nil {
		dialog.ShowError(fmt.Errorf("%s", model.ErrorMessage(err)), u.win)
	}
}

func (u *App) newScenarioList() *widget.List {
	l := widget.NewList(
		func() int { return len(u.scenarios) },
		func() fyne.CanvasObject { return widget.NewLabel("What-if: scenario name placeholder") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			s := u.scenarios[i]
			text := s.Name
			if s.Base != "" {
				text = "   ↳ " + s.Name
			}
			o.(*widget.Label).SetText(text)
		})
	l.OnSelected = func(i widget.ListItemID) {
		if err := u.Open(u.scenarios[i].Name); err != nil {
			u.ShowError(err)
		}
	}
	return l
}

var actorColumns = []struct {
	title string
	width float32
}{{"Actor", 230}, {"Label", 80}, {"Group", 120}, {"Capability", 90}, {"Rationale", 520}}

func (u *App) newActorTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) {
			if u.current == nil {
				return 0, len(actorColumns)
			}
			return len(u.current.Actors), len(actorColumns)
		},
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.Truncation = fyne.TextTruncateEllipsis
			if u.current == nil || id.Row >= len(u.current.Actors) {
				l.SetText("")
				return
			}
			a := &u.current.Actors[id.Row]
			switch id.Col {
			case 0:
				l.SetText(a.Name)
			case 1:
				l.SetText(a.ShortLabel())
			case 2:
				l.SetText(a.Group)
			case 3:
				l.SetText(strconv.FormatFloat(a.Capability, 'f', -1, 64))
			case 4:
				l.SetText(a.Rationale)
			}
		})
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < 0 && id.Col >= 0 {
			l.SetText(actorColumns[id.Col].title)
			l.TextStyle.Bold = true
		} else if id.Col < 0 && id.Row >= 0 {
			l.SetText(strconv.Itoa(id.Row + 1))
		}
	}
	for i, c := range actorColumns {
		t.SetColumnWidth(i, c.width)
	}
	return t
}
