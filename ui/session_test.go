package ui

import (
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"parley/assets"
	"parley/model"
	"parley/store"
	"parley/ui/chart"
)

// findButton finds the button labelled text among what c draws (dialogs included).
func findButton(c fyne.Canvas, text string) *widget.Button {
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || o == nil || !o.Visible() {
			return
		}
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
			return
		}
		switch x := o.(type) {
		case *fyne.Container:
			for _, k := range x.Objects {
				walk(k)
			}
		case fyne.Widget:
			r := test.WidgetRenderer(x)
			for _, k := range r.Objects() {
				walk(k)
			}
		}
	}
	for _, o := range c.Overlays().List() {
		walk(o)
	}
	walk(c.Content())
	return found
}

// storedValues is everything stored of a scenario, without its save stamp.
func storedValues(t *testing.T, h *harness, name string) *model.Scenario {
	t.Helper()
	sc, err := h.st.LoadScenario(name)
	if err != nil {
		t.Fatal(err)
	}
	sc.Version = ""
	return sc
}

// The issue's first report: drag the United States' sanctions-relief
// salience from 70 to 18 (slider steps are whole numbers) on the base, press "Save as what-if…", name it.
// The base keeps every stored value; the what-if holds every slider change;
// one undo in the what-if takes the changes back out, the base still as it
// was.
func TestSaveAsWhatIfLeavesBaseUntouched(t *testing.T) {
	h := newHarness(t)
	u := h.u
	u.win = h.w
	before := storedValues(t, h, assets.MuscatName)
	undoBefore, _, _ := h.st.LoadJournal(assets.MuscatName)

	a := u.current.ActorIndex("United States")
	sanctions := u.current.IssueIndex("sanctions")
	u.sliders.actor.SetSelectedIndex(a)
	capS, _, sal := u.sliders.Sliders()
	if sal[sanctions].Value != 70 {
		t.Fatalf("US salience on sanctions relief starts at %v, want 70", sal[sanctions].Value)
	}
	sal[sanctions].SetValue(18) // as a drag ends on 18
	sal[sanctions].DragEnd()
	capS.SetValue(capS.Value + 10)
	h.waitResult()
	if got := storedValues(t, h, assets.MuscatName); !reflect.DeepEqual(got, before) {
		t.Fatal("moving the sliders wrote into the base")
	}
	// The sliders mark what differs from the stored base, with a reset.
	capMarked, _, salMarked := u.sliders.Overridden()
	if !capMarked || !salMarked[sanctions] {
		t.Fatalf("changed values not marked: capability %v, salience %v", capMarked, salMarked[sanctions])
	}
	if u.sliders.apply.Disabled() {
		t.Fatal("Apply is not offered while the sliders hold changes")
	}

	test.Tap(u.sliders.saveAs)
	if u.sliders.nameEntry == nil {
		t.Fatal("Save as what-if did not ask for a name")
	}
	u.sliders.nameEntry.SetText("")
	test.Type(u.sliders.nameEntry, "US cares less about relief")
	save := findButton(h.w.Canvas(), "Save")
	if save == nil {
		t.Fatal("the dialog has no Save button")
	}
	test.Tap(save)
	h.waitResult()

	if got := storedValues(t, h, assets.MuscatName); !reflect.DeepEqual(got, before) {
		t.Fatal("Save as what-if changed a stored value of the base")
	}
	if undo, _, _ := h.st.LoadJournal(assets.MuscatName); len(undo) != len(undoBefore) {
		t.Fatalf("the base's undo history grew from %d to %d", len(undoBefore), len(undo))
	}
	wi := storedValues(t, h, "US cares less about relief")
	if wi.Base != assets.MuscatName || len(wi.Overrides) != 2 {
		t.Fatalf("what-if of %q with %d overrides %+v, want 2 of %q", wi.Base, len(wi.Overrides), wi.Overrides, assets.MuscatName)
	}
	if got := wi.Stance(a, sanctions).Salience; got != 18 {
		t.Fatalf("the what-if holds salience %v, want 18", got)
	}
	if got := wi.Actors[a].Capability; got != before.Actors[a].Capability+10 {
		t.Fatalf("the what-if holds capability %v, want %v", got, before.Actors[a].Capability+10)
	}
	if u.current.Name != wi.Name {
		t.Fatalf("the window shows %q after saving, want the what-if", u.current.Name)
	}
	// Opened, the what-if marks its overrides against the base.
	u.sliders.actor.SetSelectedIndex(a)
	if capMarked, _, salMarked := u.sliders.Overridden(); !capMarked || !salMarked[sanctions] {
		t.Fatal("the what-if's overrides are not marked on its sliders")
	}
	if got := u.sliders.header(0); got != "Forecast (Δ vs base)" {
		t.Fatalf("a what-if's readout header says %q", got)
	}

	// One undo takes both slider changes back out of the what-if.
	if undo, _ := u.history.Stacks(); len(undo) != 1 {
		t.Fatalf("saving as what-if recorded %d undoable steps, want 1", len(undo))
	}
	if err := u.Undo(); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	if wi := storedValues(t, h, wi.Name); len(wi.Overrides) != 0 {
		t.Fatalf("after one undo the what-if still has %d overrides", len(wi.Overrides))
	}
	if got := storedValues(t, h, assets.MuscatName); !reflect.DeepEqual(got, before) {
		t.Fatal("undo in the what-if changed the base")
	}
}

// Reset to base puts a what-if's overridden value back to its base's.
func TestResetToBase(t *testing.T) {
	h := newHarness(t)
	const wiName = "Russia takes the stockpile"
	if err := h.u.Open(wiName); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	wi := storedValues(t, h, wiName)
	base := storedValues(t, h, assets.MuscatName)
	o := wi.Overrides[0]
	a := wi.ActorIndex(o.Actor)
	h.u.sliders.actor.SetSelectedIndex(a)
	f, _ := model.ParseField(o.Field)
	issue := wi.IssueIndex(o.Issue)
	reset := h.u.sliders.ResetButton(f, issue)
	if !reset.Visible() {
		t.Fatalf("the override %+v is not marked", o)
	}
	test.Tap(reset)
	h.waitResult()
	want := base.Actors[a].Capability
	if f != model.FieldCapability {
		want = base.Stance(a, issue).Position
		if f == model.FieldSalience {
			want = base.Stance(a, issue).Salience
		}
	}
	if got := valueOf(h.u.s.Live(), a, f, issue); got != want {
		t.Fatalf("reset gives %v, the base has %v", got, want)
	}
	if reset.Visible() {
		t.Fatal("a value back at the base is still marked")
	}
	test.Tap(h.u.sliders.apply)
	h.waitResult()
	if got := storedValues(t, h, wiName); len(got.Overrides) != len(wi.Overrides)-1 {
		t.Fatalf("after reset and Apply the what-if has %d overrides, want %d", len(got.Overrides), len(wi.Overrides)-1)
	}
	test.Tap(h.u.sliders.discard) // nothing pending: no harm
}

func valueOf(sc *model.Scenario, a int, f model.Field, i int) float64 {
	switch f {
	case model.FieldCapability:
		return sc.Actors[a].Capability
	case model.FieldPosition:
		return sc.Stance(a, i).Position
	}
	return sc.Stance(a, i).Salience
}

// The issue's second report: after File › Open project the views show the
// new project only. Both files hold a "Muscat 2026" (every new project is
// seeded with it): typing a takeaway after the switch must not land in the
// first file's deck, and Compare lists the second file's scenarios only.
func TestProjectSwitchResetsViews(t *testing.T) {
	h := newHarness(t)
	u := h.u
	first := h.st.Path()
	// The first project has a deck of its own and a pair on Compare.
	u.ShowTab("Briefing")
	u.briefing.refresh()
	test.Type(u.briefing.takeaway, " First file's words.")
	deck1, err := h.st.LoadDeck(assets.MuscatName)
	if err != nil {
		t.Fatalf("the first project's deck was not saved: %v", err)
	}
	// ...and its Muscat differs from the second file's.
	us := u.current.ActorIndex("United States")
	na := u.current.Actors[us]
	na.SetCapability(na.Capability + 7)
	if err := u.Do(model.ChangeActor(u.current, us, na, "test")); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	u.ShowTab("Compare")

	second := filepath.Join(t.TempDir(), "second.db")
	st2, err := store.Open(second)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SeedDefault(st2); err != nil {
		t.Fatal(err)
	}
	if err := st2.DeleteScenario("Russia takes the stockpile"); err != nil {
		t.Fatal(err)
	}
	if err := st2.SaveScenario(&model.Scenario{Name: "Only in the second file", Issues: []model.Issue{{Key: "x", Name: "X"}}}); err != nil {
		t.Fatal(err)
	}
	want, _ := st2.ListScenarios()
	st2.Close()

	var opened []*store.Store
	t.Cleanup(func() {
		for _, s := range opened {
			s.Close()
		}
	})
	u.deps.OpenProject = func(path string) (Store, error) {
		s, err := store.Open(path)
		if err == nil {
			opened = append(opened, s)
		}
		return s, err
	}
	if err := u.SwitchProject(second); err != nil {
		t.Fatal(err)
	}
	h.waitResult()

	u.ShowTab("Compare")
	var cv *compareView
	for _, v := range u.views {
		if x, ok := v.(*compareView); ok {
			cv = x
		}
	}
	var names []string
	for _, s := range want {
		names = append(names, s.Name)
	}
	if !reflect.DeepEqual(cv.left.Options, names) || !reflect.DeepEqual(cv.right.Options, names) {
		t.Fatalf("Compare offers %v / %v, the second file holds %v", cv.left.Options, cv.right.Options, names)
	}
	if cv.a == nil || cv.a.Actors[us].Capability != na.Capability-7 {
		t.Fatal("Compare still shows the first file's Muscat 2026")
	}
	for _, sel := range []string{cv.left.Selected, cv.right.Selected} {
		if sel == "Russia takes the stockpile" {
			t.Fatal("Compare still shows a scenario of the first file")
		}
	}

	u.ShowTab("Briefing")
	if contains(u.briefing.takeaway.Text, "First file's words") {
		t.Fatal("the Briefing tab still shows the first file's deck")
	}
	test.Type(u.briefing.takeaway, " Second file's words.")

	again, err := store.Open(first)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	got, err := again.LoadDeck(assets.MuscatName)
	if err != nil || !reflect.DeepEqual(got, deck1) {
		t.Fatalf("the first file's deck changed after the switch: %v", err)
	}
	d2, err := opened[0].LoadDeck(assets.MuscatName)
	if err != nil || !contains(d2.Slides[0].Takeaway, "Second file's words") || contains(d2.Slides[0].Takeaway, "First file's words") {
		t.Fatalf("the second file's deck: %+v, %v", d2, err)
	}
}

// The issue's third report: edit the base (US scope position 90 → 85), open
// Briefing, write a takeaway, undo. Parley's reading of the slide follows
// the chart (BDM back at its forecast for 90), the analyst's words are kept
// but marked out of date, and exporting names the slide and asks first.
func TestTakeawayFollowsInputs(t *testing.T) {
	h := newHarness(t)
	u := h.u
	u.win = h.w
	a := u.current.ActorIndex("United States")
	st := u.current.Stance(a, 0)
	if st.Position != 90 {
		t.Fatalf("US scope position %v, want 90", st.Position)
	}
	// Slide 2 is the first stance map (slide 1 is the bottom line).
	bdmAt := func() string { return chart.Generated(u.briefing.deck.Slides[1].Chart, u.live, u.result) }
	st.SetPosition(85)
	if err := u.Do(model.ChangeStance(u.current, a, 0, st, "US scope 90 → 85")); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	u.ShowTab("Briefing")
	h.waitResult()
	u.briefing.list.Select(1)
	edited := u.briefing.Reading().Text
	if edited == "" || edited != bdmAt() {
		t.Fatalf("Parley reads %q, the chart says %q", edited, bdmAt())
	}
	test.Type(u.briefing.takeaway, "Washington gives ground on scope.")
	if u.briefing.Outdated().Visible() {
		t.Fatal("a takeaway just written is marked out of date")
	}

	if err := u.Undo(); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	if u.current.Stance(a, 0).Position != 90 {
		t.Fatal("undo did not restore the position")
	}
	now := u.briefing.Reading().Text
	if now == edited || now != bdmAt() {
		t.Fatalf("after undo Parley reads %q (before: %q), the chart says %q", now, edited, bdmAt())
	}
	want := fmt.Sprintf("BDM forecasts %s", strconv.FormatFloat(math.Round(u.result.Issues[0].BDM.Forecast*10)/10, 'f', -1, 64))
	if !contains(now, want) {
		t.Fatalf("Parley reads %q, want it to say %q", now, want)
	}
	if !u.briefing.Outdated().Visible() {
		t.Fatal("the analyst's takeaway, written for the edited chart, is not marked out of date")
	}
	if u.briefing.takeaway.Text != "Washington gives ground on scope." {
		t.Fatalf("the analyst's words changed: %q", u.briefing.takeaway.Text)
	}
	// What prints is the analyst's words and Parley's current reading.
	b, err := u.briefing.Briefing(chart.SizeHD)
	if err != nil {
		t.Fatal(err)
	}
	if b.Pages() != len(u.briefing.deck.Slides)+2 {
		t.Fatalf("the briefing has %d pages", b.Pages())
	}
	if got := chart.SlideText(u.briefing.deck.Slides[1], u.live, u.result); !contains(got, "Washington gives ground") || !contains(got, want) {
		t.Fatalf("the slide prints %q", got)
	}
	// Export names the slide and asks before writing.
	test.Tap(findButton(h.w.Canvas(), "Export PDF…"))
	if !contains(u.briefing.asked, "slide 2") {
		t.Fatalf("export asked %q, want it to name slide 2", u.briefing.asked)
	}
	// "It still holds" stamps the takeaway with the chart as it is now.
	test.Tap(u.briefing.holds)
	if u.briefing.Outdated().Visible() {
		t.Fatal("confirmed takeaway still marked out of date")
	}
	if d, _ := h.st.LoadDeck(assets.MuscatName); d == nil || d.Slides[1].TakeawayChart == "" {
		t.Fatal("the stamp was not saved with the deck")
	}
}

// press sends a keyboard shortcut the way Fyne's desktop driver does:
// the main menu's items first, then the focused widget, then the canvas.
func press(w fyne.Window, sc fyne.Shortcut) {
	if m := w.MainMenu(); m != nil {
		for _, menu := range m.Items {
			for _, it := range menu.Items {
				if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() {
					it.Action()
					return
				}
			}
		}
	}
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

// Ctrl+Z and Ctrl+Y (Fyne's ShortcutUndo and ShortcutRedo) undo and redo
// from anywhere: with nothing focused, and over a focused text field, which
// first takes back its own typing.
func TestCtrlZUndoes(t *testing.T) {
	h := newHarness(t)
	u := h.u
	u.win = h.w
	u.Menus(Deps{}) // registers the canvas shortcuts; no menu bar yet
	a := u.current.ActorIndex("Oman")
	u.sliders.actor.SetSelectedIndex(a)
	c, _, _ := u.sliders.Sliders()
	old := c.Value
	c.SetValue(old + 15)
	test.Tap(u.sliders.apply)
	h.waitResult()
	stored := func() float64 { return storedValues(t, h, assets.MuscatName).Actors[a].Capability }
	if stored() != old+15 {
		t.Fatal("Apply did not store the change")
	}

	h.w.Canvas().Unfocus()
	press(h.w, &fyne.ShortcutUndo{})
	if stored() != old || u.current.Actors[a].Capability != old {
		t.Fatalf("Ctrl+Z on the canvas: capability %v, want %v", stored(), old)
	}
	press(h.w, &fyne.ShortcutRedo{})
	if stored() != old+15 {
		t.Fatalf("Ctrl+Y on the canvas: capability %v, want %v", stored(), old+15)
	}

	// With the menu bar, and a text field focused.
	h.w.SetMainMenu(u.Menus(Deps{}))
	u.ShowTab("Briefing")
	u.briefing.refresh()
	title := u.briefing.title
	h.w.Canvas().Focus(title)
	was := title.Text
	test.Type(title, "x")
	press(h.w, &fyne.ShortcutUndo{})
	if title.Text != was {
		t.Fatalf("Ctrl+Z in a text field left %q, want its own typing undone (%q)", title.Text, was)
	}
	if stored() != old+15 {
		t.Fatal("Ctrl+Z in a text field with typing to undo undid the scenario instead")
	}
	press(h.w, &fyne.ShortcutUndo{})
	if stored() != old {
		t.Fatalf("Ctrl+Z in a text field with nothing of its own to undo: capability %v, want %v", stored(), old)
	}
	press(h.w, &fyne.ShortcutRedo{})
	if stored() != old+15 {
		t.Fatalf("Ctrl+Y with a text field focused: capability %v, want %v", stored(), old+15)
	}
}

// The issue's fifth report: a tap on the pixel where a trajectory point is
// drawn selects that point (round and actor), in the pane's real size.
func TestTrajectoryTapHitsPoint(t *testing.T) {
	h := newHarness(t)
	u := h.u
	u.ShowTab("Trajectory")
	var tv *trajectoryView
	for _, v := range u.views {
		if x, ok := v.(*trajectoryView); ok {
			tv = x
		}
	}
	// A pane small enough that the chart's type is shrunk to fit, as on a
	// laptop screen.
	h.w.Resize(fyne.NewSize(1100, 640))
	tv.refresh()
	h.w.Canvas().Capture() // draws the frame, as the screen does
	p, w, hgt, dpi, size := tv.chart.Drawn()
	if p == nil {
		t.Fatal("the trajectory was not drawn")
	}
	d, ok := tv.data()
	if !ok || len(d.Rounds) < 3 {
		t.Fatal("no trajectory to tap")
	}
	// A point of round 2 that no other actor shares.
	const k = 2
	a := -1
	for i, x := range d.Rounds[k] {
		alone := true
		for j, y := range d.Rounds[k] {
			alone = alone && (i == j || math.Abs(x-y) > 6)
		}
		if alone {
			a = i
			break
		}
	}
	if a < 0 {
		t.Fatal("test is void: every point of round 2 has a neighbour")
	}
	px, py := chart.PixelTransform(p, w, hgt, dpi)(float64(k), d.Rounds[k][a])
	pos := fyne.NewPos(float32(px)*size.Width/float32(w), float32(py)*size.Height/float32(hgt))
	// The pixel is drawn on, in the frame's own image, in the actor's colour
	// (the marker, not the chart's background or another line).
	frame := chart.Image(p, w, hgt, dpi)
	br, bg, bb, _ := StyleFor(currentVariant()).Background.RGBA()
	if r, g, b, _ := frame.At(int(px), int(py)).RGBA(); r == br && g == bg && b == bb {
		t.Fatalf("nothing is drawn at (%v,%v): the hit geometry is not the drawing's", px, py)
	}
	test.TapAt(tv.tap, pos)
	if got, want := tv.Explanation().Text, tv.ExplainPoint(k, a); got != want {
		t.Fatalf("tap on %s's round-%d point reads %q, want %q", u.live.Actors[a].Name, k, got, want)
	}
	// A tap well away from every point selects nothing.
	test.TapAt(tv.tap, fyne.NewPos(2, 2))
	if !contains(tv.Explanation().Text, "Tap closer") {
		t.Fatalf("a tap in the corner reads %q", tv.Explanation().Text)
	}
}

// "Δ vs base" has one meaning: for a what-if, against its base scenario;
// for a base, against the base as stored, before the sliders' changes (so
// after Apply the Δ is against the new stored values, not the file as
// opened). The header says which.
func TestDeltaVsBase(t *testing.T) {
	h := newHarness(t)
	u := h.u
	if got := u.sliders.header(0); got != "Forecast (Δ vs stored)" {
		t.Fatalf("a base's readout header says %q", got)
	}
	a := u.current.ActorIndex("United States")
	u.sliders.actor.SetSelectedIndex(a)
	_, _, sal := u.sliders.Sliders()
	sal[1].SetValue(5)
	h.waitResult()
	if d := h.shown(1, 6); d == "0" || d == "" {
		t.Fatalf("a pending slider change shows Δ %q on the weighted median", d)
	}
	test.Tap(u.sliders.apply)
	h.waitResult()
	if d := h.shown(1, 6); d != "0" {
		t.Fatalf("after Apply the Δ is %q, want 0 against the base as stored now", d)
	}
	if err := u.Open("Russia takes the stockpile"); err != nil {
		t.Fatal(err)
	}
	h.waitResult()
	if got := u.sliders.header(0); got != "Forecast (Δ vs base)" {
		t.Fatalf("a what-if's readout header says %q", got)
	}
	base := expected(t, storedValues(t, h, assets.MuscatName))
	if u.baseResult == nil || u.baseResult.Fingerprint != base.Fingerprint {
		t.Fatal("a what-if's Δ is not against its base as stored")
	}
}

// BenchmarkSliderRoundTrip measures the window's own path from a slider
// event to the stance map's new image: the slider's callback, the session's
// live scenario, the runner's goroutine and every model, the result back on
// the UI goroutine as the new frame, the view invalidated and its raster
// drawn at 1100×620 (the budget: ≤ 50 ms at the 95th percentile).
func BenchmarkSliderRoundTrip(b *testing.B) {
	h := newHarness(b)
	u := h.u
	u.sliders.actor.SetSelectedIndex(0)
	_, _, sal := u.sliders.Sliders()
	var times []time.Duration
	k := 0
	for b.Loop() {
		start := time.Now()
		sal[0].SetValue(float64(10 + k%80))
		k++
		h.waitResult()
		u.stance.chart.render(1100, 620)
		times = append(times, time.Since(start))
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
}
