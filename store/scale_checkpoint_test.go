package store

import (
	"path/filepath"
	"reflect"
	"testing"

	"parley/model"
)

// An issue's own scale (years 4-10) is stored and read back; changing it is
// a save like any other, and the undo journal carries the old and new scale.
func TestIssueScaleStored(t *testing.T) {
	s := newStore(t)
	in := sample()
	in.Issues[0].Scale = &model.IssueScale{Lo: 4, Hi: 10, Unit: "years"}
	if err := s.SaveScenario(in); err != nil {
		t.Fatal(err)
	}
	out, err := s.LoadScenario(in.Name)
	if err != nil {
		t.Fatal(err)
	}
	if got := out.Issues[0].Scale; got == nil || *got != (model.IssueScale{Lo: 4, Hi: 10, Unit: "years"}) || out.Issues[1].Scale != nil {
		t.Fatalf("scales read back %+v, %+v; want years 4-10 and none", got, out.Issues[1].Scale)
	}
	// Change the scale through an undoable edit, stored with its journal.
	is := out.Issues[0]
	is.Scale = &model.IssueScale{Lo: 0, Hi: 20, Unit: "years"}
	e := model.ChangeIssue(out, 0, is, "Scope scale 4-10 → 0-20")
	if err := e.Apply(out); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveWithJournal(out, []model.Edit{e}, nil); err != nil {
		t.Fatal(err)
	}
	undo, _, err := s.LoadJournal(in.Name)
	if err != nil || len(undo) != 1 {
		t.Fatalf("journal %v, %v", undo, err)
	}
	again, _ := s.LoadScenario(in.Name)
	if again.Issues[0].Scale.Hi != 20 {
		t.Fatalf("scale after the edit %+v, want 0-20", again.Issues[0].Scale)
	}
	if err := undo[0].Inverse().Apply(again); err != nil {
		t.Fatal(err)
	}
	if got := again.Issues[0].Scale; got == nil || got.Lo != 4 || got.Hi != 10 {
		t.Fatalf("undo from the stored journal gives scale %+v, want 4-10", got)
	}
	// Removing the scale stores NULL ends: the issue is on 0-100 again.
	again.Issues[0].Scale = nil
	if err := s.SaveScenario(again); err != nil {
		t.Fatal(err)
	}
	if back, _ := s.LoadScenario(in.Name); back.Issues[0].Scale != nil {
		t.Fatalf("scale %+v after removing it", back.Issues[0].Scale)
	}
}

// A project file of schema 3 (before issues had their own scale) opens
// unchanged: its issues come back without a scale, everything else equal.
func TestSchema3OpensWithoutScales(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	in := sample()
	writeV1(t, path, in)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out, err := s.LoadScenario(in.Name)
	if err != nil {
		t.Fatal(err)
	}
	in.ID, in.Version, in.Overrides, in.NoBargain = out.ID, out.Version, out.Overrides, out.NoBargain
	if !reflect.DeepEqual(in, out) {
		t.Fatalf("upgraded scenario differs:\n got %+v\nwant %+v", out, in)
	}
	for _, is := range out.Issues {
		if is.Scale != nil {
			t.Fatalf("issue %s has a scale after the upgrade", is.Key)
		}
	}
}

// A run can be named as a checkpoint ("brief of 27 Nov"); an export is tied
// to the newest run and is read back as the last export.
func TestCheckpointsAndExports(t *testing.T) {
	s := newStore(t)
	sc := sample()
	if err := s.SaveScenario(sc); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.LastExport(sc.Name); ok || err != nil {
		t.Fatalf("a fresh scenario has an export (%v, %v)", ok, err)
	}
	for _, fp := range []string{"a", "b"} {
		if err := s.SaveRun(sc.Name, Run{Model: "all", Fingerprint: fp, Results: "{}"}); err != nil {
			t.Fatal(err)
		}
	}
	runs, _ := s.Runs(sc.Name)
	if err := s.NameRun(sc.Name, runs[0].ID, "brief of 27 Nov"); err != nil {
		t.Fatal(err)
	}
	if err := s.NameRun(sc.Name, 9999, "nothing"); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("naming an unknown run: %v", err)
	}
	if err := s.NameRun(sc.Name, runs[1].ID, "   "); err != nil {
		t.Fatal(err)
	}
	runs, _ = s.Runs(sc.Name)
	if runs[0].Checkpoint != "brief of 27 Nov" || runs[1].Checkpoint != "" {
		t.Fatalf("checkpoints %q, %q", runs[0].Checkpoint, runs[1].Checkpoint)
	}
	if err := s.RecordExport(sc.Name, model.ExportEvent{What: "briefing PDF", Path: "/tmp/b.pdf"}); err != nil {
		t.Fatal(err)
	}
	e, ok, err := s.LastExport(sc.Name)
	if err != nil || !ok || e.RunID != runs[1].ID || e.What != "briefing PDF" || e.Path != "/tmp/b.pdf" || !e.Created.Equal(fixedClock()) {
		t.Fatalf("last export %+v, %v, %v; want the PDF tied to run %d", e, ok, err, runs[1].ID)
	}
	if err := s.RecordExport("nope", model.ExportEvent{What: "briefing PDF"}); model.ErrorCode(err) != model.ENOTFOUND {
		t.Fatalf("export of an unknown scenario: %v", err)
	}
}
