package ui

import (
	"encoding/json"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"parley/model"
)

// Named checkpoints ("brief of 27 Nov") and "since the last exported
// briefing" in the History tab. A checkpoint is a name the store puts on the
// run of the scenario as it is now; a briefing export is recorded with the
// run it showed (model.CheckpointRepository), so History can compare the
// forecasts of then with now and list the edits made since.

// runLine is a run's line in the History list.
func runLine(r model.Run, label string) string {
	at := r.Created.Local().Format("2006-01-02 15:04:05")
	if r.Checkpoint != "" {
		return "★ " + r.Checkpoint + " · " + at + " · " + label
	}
	return at + " · " + label
}

func (v *historyView) checkpointBar() fyne.CanvasObject {
	v.cpName = widget.NewEntry()
	v.cpName.SetPlaceHolder("Name this state, e.g. brief of 27 Nov")
	v.cpButton = widget.NewButton("Name checkpoint", func() { v.u.ShowError(v.NameCheckpoint(v.cpName.Text)) })
	v.cpName.OnSubmitted = func(string) { v.cpButton.OnTapped() }
	v.sinceExport = widget.NewButton("Since the last exported briefing", func() { v.report.SetText(v.SinceLastExport()) })
	return container.NewVBox(container.NewBorder(nil, nil, nil, v.cpButton, v.cpName), v.sinceExport)
}

// currentRun is the stored run of the open scenario as it is now, stored
// first when recordRun's background write did not store it (the write
// failed). It waits for that write when it is still in flight (a moment's
// disk write), so that a run is never stored twice.
func (u *App) currentRun() (model.Run, error) {
	runs, ok := u.repo.(model.RunRepository)
	if !ok || u.current == nil {
		return model.Run{}, model.Errorf(model.ENOTFOUND, "this project keeps no runs")
	}
	res := u.resultFor(u.current)
	if res == nil {
		return model.Run{}, model.Errorf(model.ENOTFOUND, "the forecast of %q is not ready yet: try again in a moment", u.current.Name)
	}
	find := func() (model.Run, bool, error) {
		list, err := runs.Runs(u.current.Name)
		if err != nil {
			return model.Run{}, false, err
		}
		for k := len(list) - 1; k >= 0; k-- {
			if list[k].Fingerprint == res.Fingerprint {
				return list[k], true, nil
			}
		}
		return model.Run{}, false, nil
	}
	if u.runWrite != nil {
		<-u.runWrite // recordRun's write of this run may not have landed yet
	}
	r, ok, err := find()
	if err != nil || ok {
		return r, err
	}
	label := "Opened"
	if u.lastAction != "" {
		label = u.lastAction
	}
	b, err := json.Marshal(recordOf(res, label))
	if err != nil {
		return model.Run{}, err
	}
	opts, _ := json.Marshal(u.options())
	if err := runs.SaveRun(u.current.Name, model.Run{Model: "all", Options: string(opts), Fingerprint: res.Fingerprint, Results: string(b)}); err != nil {
		return model.Run{}, err
	}
	u.lastRun = res.Fingerprint
	r, _, err = find()
	return r, err
}

// NameCheckpoint names the scenario's state as it is now ("brief of 27 Nov").
func (v *historyView) NameCheckpoint(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return model.Invalid("checkpoint name", model.RuleRequired, "type a name for the checkpoint, e.g. brief of 27 Nov")
	}
	cps, ok := v.u.repo.(model.CheckpointRepository)
	if !ok {
		return model.Errorf(model.ENOTFOUND, "this project keeps no checkpoints")
	}
	r, err := v.u.currentRun()
	if err != nil {
		return err
	}
	if err := cps.NameRun(v.u.current.Name, r.ID, name); err != nil {
		return err
	}
	v.cpName.SetText("")
	v.stale = true
	v.refresh()
	v.u.showMessage(fmt.Sprintf("Named the scenario as it is now “%s”", name))
	return nil
}

// briefingExported records that the open scenario's briefing was written
// (what: "briefing PDF", "briefing slides"), with the run it showed.
func (u *App) briefingExported(what, path string) {
	cps, ok := u.repo.(model.CheckpointRepository)
	if !ok || u.current == nil {
		return
	}
	r, err := u.currentRun()
	if err != nil {
		fyne.LogError("parley: record the briefing export", err)
		return
	}
	if err := cps.RecordExport(u.current.Name, model.ExportEvent{What: what, Path: path, RunID: r.ID}); err != nil {
		fyne.LogError("parley: record the briefing export", err)
	}
	if u.historyView != nil {
		u.historyView.stale = true
	}
}

// SinceLastExport is what changed since the open scenario's briefing was
// last exported: the edits made after it and the forecasts then and now.
func (v *historyView) SinceLastExport() string {
	cps, ok := v.u.repo.(model.CheckpointRepository)
	runs, ok2 := v.u.repo.(model.RunRepository)
	if !ok || !ok2 || v.u.current == nil {
		return ""
	}
	e, found, err := cps.LastExport(v.u.current.Name)
	if err != nil {
		return model.ErrorMessage(err)
	}
	if !found {
		return "No briefing of this scenario has been exported yet: export one from the Briefing tab, then come back to see what changed since."
	}
	list, err := runs.Runs(v.u.current.Name)
	if err != nil {
		return model.ErrorMessage(err)
	}
	head := fmt.Sprintf("Since the last exported briefing (%s, %s):\n\n", e.What, e.Created.Local().Format("2006-01-02 15:04:05"))
	for _, r := range list {
		if r.ID == e.RunID {
			return v.since(r, e.Created, head)
		}
	}
	return head + "  The run that briefing showed is no longer stored: its forecasts cannot be compared."
}
