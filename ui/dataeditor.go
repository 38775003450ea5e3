package ui

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"parley/model"
)

// dataEditor shows the scenario's actors, issues and stances as tables. A
// selected cell is edited in the entry above the table (as in a spreadsheet's
// formula bar): Enter validates with the model's rules and records one
// undoable edit; a bad value shows the rule it breaks and changes nothing.
type dataEditor struct {
	u       *App
	item    *container.TabItem
	sub     *container.AppTabs
	actors  *sheet
	issues  *sheet
	stances *sheet
	detail  *widget.Label
	// The selected stance's range, source and rationale, edited together.
	posRange, salRange, source, rationale *widget.Entry
	pairs                                 *pairsEditor
	addActorB                             *widget.Button
}

// sheet is one editable table.
type sheet struct {
	u       *App
	table   *widget.Table
	entry   *widget.Entry
	where   *widget.Label
	message *widget.Label
	bar     *fyne.Container
	cell    widget.TableCellID
	// rowName, if set, names each row in the header column (else its number).
	rowName func(row int) string
	cols    func() []column
	rows    func() int
	// set turns the typed text into an edit of the scenario.
	set func(row, col int, text string) (model.Edit, error)
	get func(row, col int) string
}

type column struct {
	title string
	width float32
}

func newSheet(u *App, cols func() []column, rows func() int, get func(r, c int) string, set func(r, c int, text string) (model.Edit, error)) *sheet {
	s := &sheet{u: u, cols: cols, rows: rows, get: get, set: set, cell: widget.TableCellID{Row: -1, Col: -1}}
	s.entry = widget.NewEntry()
	s.entry.SetPlaceHolder("Select a cell to edit it; Enter applies")
	s.entry.OnSubmitted = func(string) { s.commit() }
	s.where = widget.NewLabel("")
	s.message = widget.NewLabel("")
	s.message.Importance = widget.DangerImportance
	s.message.Wrapping = fyne.TextWrapWord
	s.message.Hide()
	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return s.rows(), len(s.cols()) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < s.rows() && id.Col < len(s.cols()) {
				o.(*widget.Label).SetText(s.get(id.Row, id.Col))
			}
		})
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		cols := s.cols()
		switch {
		case id.Row < 0 && id.Col >= 0 && id.Col < len(cols):
			l.SetText(cols[id.Col].title)
			l.TextStyle.Bold = true
		case id.Col < 0 && id.Row >= 0:
			if s.rowName != nil && id.Row < s.rows() {
				l.SetText(s.rowName(id.Row))
			} else {
				l.SetText(strconv.Itoa(id.Row + 1))
			}
		}
	}
	s.table.OnSelected = func(id widget.TableCellID) { s.Select(id.Row, id.Col) }
	return s
}

func (s *sheet) object() fyne.CanvasObject {
	s.bar = container.NewBorder(nil, s.message, s.where, nil, s.entry)
	return container.NewBorder(s.bar, nil, nil, nil, s.table)
}

func (s *sheet) reload() {
	for i, c := range s.cols() {
		s.table.SetColumnWidth(i, headerWidth(c))
	}
	s.table.Refresh()
	if s.cell.Row >= 0 && s.cell.Row < s.rows() && s.cell.Col < len(s.cols()) {
		s.setEntry(s.get(s.cell.Row, s.cell.Col))
	}
}

// setEntry puts a cell's text in the entry; an unset stance leaves it empty,
// with a hint, so that what the analyst types is the value.
func (s *sheet) setEntry(text string) {
	if text == unsetText {
		s.entry.SetPlaceHolder("Not set: type a value, Enter sets it")
		s.entry.SetText("")
		return
	}
	s.entry.SetPlaceHolder("Select a cell to edit it; Enter applies")
	s.entry.SetText(text)
}

// Select makes (row, col) the cell the entry edits.
func (s *sheet) Select(row, col int) {
	cols := s.cols()
	if row < 0 || row >= s.rows() || col < 0 || col >= len(cols) {
		return
	}
	s.cell = widget.TableCellID{Row: row, Col: col}
	name := strconv.Itoa(row + 1)
	if s.rowName != nil {
		name = s.rowName(row)
	}
	s.where.SetText(name + " · " + cols[col].title)
	s.setEntry(s.get(row, col))
	s.message.Hide()
	if s.bar != nil {
		s.bar.Refresh() // the caption's width changed: lay the bar out again
	}
}

// commit applies the entry's text to the selected cell, as Enter does.
func (s *sheet) commit() {
	if s.cell.Row < 0 {
		return
	}
	e, err := s.set(s.cell.Row, s.cell.Col, s.entry.Text)
	if err == nil && len(e.Ops) == 0 {
		return // unchanged
	}
	if err == nil {
		err = s.u.Do(e)
	}
	if err != nil {
		s.message.SetText(model.ErrorMessage(err))
		s.message.Show()
		return
	}
	s.message.Hide()
}

// Message is the inline validation message under the entry.
func (s *sheet) Message() *widget.Label { return s.message }

// Entry is the formula-bar entry.
func (s *sheet) Entry() *widget.Entry { return s.entry }

// thousands matches 1,000 or 12,345,678. Such text is ambiguous (a thousands
// separator, or a decimal comma as in 1,125 = 1.125), so it is refused
// rather than guessed; one comma otherwise reads as a decimal comma.
var thousands = regexp.MustCompile(`^-?\d{1,3}(,\d{3})+$`)

func fmtNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func fmtRange(r *model.Range) string {
	if r == nil {
		return ""
	}
	return fmtNum(r.Low) + "-" + fmtNum(r.High)
}

// parseNum reads a number typed by an analyst ("55", "55.5", "55,5").
func parseNum(where, text string) (float64, error) {
	if thousands.MatchString(strings.TrimSpace(text)) {
		return 0, model.Invalid(where, "number", "%q looks like a number with thousands separators; write it without them (1000, not 1,000)", text)
	}
	t := strings.TrimSpace(strings.Replace(text, ",", ".", 1))
	v, err := strconv.ParseFloat(t, 64)
	if err != nil {
		return 0, model.Invalid(where, "number", "%q is not a number", text)
	}
	return v, nil
}

// parseRange reads "40-60" (or empty for no range).
func parseRange(where, text string) (*model.Range, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return nil, nil
	}
	lo, hi, ok := strings.Cut(t, "-")
	if !ok {
		return nil, model.Invalid(where, "range low-high", "write a range as low-high, e.g. 40-60")
	}
	l, err := parseNum(where, lo)
	if err != nil {
		return nil, err
	}
	h, err := parseNum(where, hi)
	if err != nil {
		return nil, err
	}
	return &model.Range{Low: l, High: h}, nil
}

func newDataEditor(u *App) *dataEditor {
	d := &dataEditor{u: u}
	d.actors = newSheet(u, d.actorCols, func() int { return d.nActors() }, d.actorGet, d.actorSet)
	d.issues = newSheet(u, d.issueCols, func() int { return d.nIssues() }, d.issueGet, d.issueSet)
	d.stances = newSheet(u, d.stanceCols, func() int { return d.nActors() }, d.stanceGet, d.stanceSet)
	d.stances.rowName = func(r int) string { return d.sc().Actors[r].ShortLabel() }
	d.stances.table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("Congress") }
	d.detail = widget.NewLabel("Select a stance to edit its ranges, source and rationale.")
	d.detail.Truncation = fyne.TextTruncateEllipsis
	stanceSelect := d.stances.table.OnSelected
	d.stances.table.OnSelected = func(id widget.TableCellID) {
		stanceSelect(id)
		d.showDetail(id.Row, id.Col)
	}
	addActor := widget.NewButtonWithIcon("Add actor", theme.ContentAddIcon(), func() { u.ShowError(d.AddActor()) })
	d.addActorB = addActor
	delActor := widget.NewButtonWithIcon("Delete actor", theme.DeleteIcon(), func() { u.ShowError(d.DeleteActor(d.actors.cell.Row)) })
	addIssue := widget.NewButtonWithIcon("Add issue", theme.ContentAddIcon(), func() { u.ShowError(d.AddIssue()) })
	delIssue := widget.NewButtonWithIcon("Delete issue", theme.DeleteIcon(), func() { u.ShowError(d.DeleteIssue(d.issues.cell.Row)) })
	paste := widget.NewButtonWithIcon("Paste from spreadsheet", theme.ContentPasteIcon(), func() {
		if u.win == nil {
			return
		}
		text := fyne.CurrentApp().Clipboard().Content()
		r, c := d.stances.cell.Row, d.stances.cell.Col
		if r < 0 {
			r, c = 0, 0
		}
		if err := d.Paste(r, c, text); err != nil {
			d.stances.message.SetText(model.ErrorMessage(err))
			d.stances.message.Show()
		}
	})
	d.sub = container.NewAppTabs(
		container.NewTabItem("Actors", container.NewBorder(nil, container.NewHBox(addActor, delActor), nil, nil, d.actors.object())),
		container.NewTabItem("Issues", container.NewBorder(nil, container.NewHBox(addIssue, delIssue), nil, nil, d.issues.object())),
		container.NewTabItem("Stances", container.NewBorder(nil, container.NewVBox(d.detail, d.stanceForm(), container.NewHBox(paste)), nil, nil, d.stances.object())),
		d.pairsTab(), // dataeditor_pairs.go
	)
	d.item = container.NewTabItem("Data", d.sub)
	return d
}

func (d *dataEditor) tab() *container.TabItem { return d.item }
func (d *dataEditor) refresh()                {}

func (d *dataEditor) load() {
	d.actors.reload()
	d.issues.reload()
	d.stances.reload()
	d.pairs.reload()
}

func (d *dataEditor) sc() *model.Scenario { return d.u.current }

func (d *dataEditor) nActors() int {
	if d.sc() == nil {
		return 0
	}
	return len(d.sc().Actors)
}

func (d *dataEditor) nIssues() int {
	if d.sc() == nil {
		return 0
	}
	return len(d.sc().Issues)
}

// Actors.

func (d *dataEditor) actorCols() []column {
	return []column{{"Name", 210}, {"Label", 80}, {"Group", 110}, {"Colour", 80}, {"Capability", 90}, {"Range", 80}, {"Rationale", 420}, {"Source", 200}}
}

func (d *dataEditor) actorGet(r, c int) string {
	a := &d.sc().Actors[r]
	return [...]string{a.Name, a.Label, a.Group, a.Color, fmtNum(a.Capability), fmtRange(a.CapabilityRange), a.Rationale, a.Source}[c]
}

func (d *dataEditor) actorSet(r, c int, text string) (model.Edit, error) {
	sc := d.sc()
	a := sc.Clone().Actors[r]
	where := fmt.Sprintf("actor %q %s", a.Name, strings.ToLower(d.actorCols()[c].title))
	switch c {
	case 0:
		if err := model.CheckName(where, text); err != nil {
			return model.Edit{}, err
		}
		a.Name = strings.TrimSpace(text)
	case 1:
		a.Label = strings.TrimSpace(text)
	case 2:
		a.Group = strings.TrimSpace(text)
	case 3:
		a.Color = strings.TrimSpace(text)
	case 4:
		v, err := parseNum(where, text)
		if err != nil {
			return model.Edit{}, err
		}
		if err := model.CheckCapability(where, v); err != nil {
			return model.Edit{}, err
		}
		a.SetCapability(v)
	case 5:
		rg, err := parseRange(where, text)
		if err != nil {
			return model.Edit{}, err
		}
		a.CapabilityRange = rg
	case 6:
		a.Rationale = text
	case 7:
		a.Source = text
	}
	if d.actorGet(r, c) == text {
		return model.Edit{}, nil
	}
	return model.ChangeActor(sc, r, a, fmt.Sprintf("%s: %s → %s", where, d.actorGet(r, c), text)), nil
}

// AddActor appends an actor with no stance on any issue: each is shown
// unset and left out of every model until the analyst types it.
func (d *dataEditor) AddActor() error {
	sc := d.sc()
	if sc == nil {
		return nil
	}
	name := "New actor"
	for k := 2; sc.ActorIndex(name) >= 0; k++ {
		name = fmt.Sprintf("New actor %d", k)
	}
	a := model.Actor{Name: name, Capability: 10, Stances: map[string]model.Stance{}}
	return d.u.Do(model.AddActor(len(sc.Actors), a))
}

// DeleteActor removes actor r (undoable).
func (d *dataEditor) DeleteActor(r int) error {
	sc := d.sc()
	if sc == nil || r < 0 || r >= len(sc.Actors) {
		return nil
	}
	return d.u.Do(model.RemoveActor(sc, r))
}

// Issues.

func (d *dataEditor) issueCols() []column {
	return []column{{"Key", 100}, {"Name", 220}, {"Status quo", 90}, {"Scale anchors (at=label; …)", 520}, {"Description", 300}, {"Own scale (e.g. 4 to 10 years)", 220}}
}

func anchorsText(is *model.Issue) string {
	parts := make([]string, len(is.Anchors))
	for i, a := range is.Anchors {
		parts[i] = shownNum(is, a.At) + "=" + a.Label
	}
	return strings.Join(parts, "; ")
}

func (d *dataEditor) issueGet(r, c int) string {
	is := &d.sc().Issues[r]
	return [...]string{is.Key, is.Name, shownNum(is, is.StatusQuo), anchorsText(is), is.Description, scaleText(is)}[c]
}

func (d *dataEditor) issueSet(r, c int, text string) (model.Edit, error) {
	sc := d.sc()
	is := sc.Issues[r]
	is.Anchors = append([]model.Anchor(nil), is.Anchors...)
	where := fmt.Sprintf("issue %q %s", is.Name, strings.ToLower(d.issueCols()[c].title))
	switch c {
	case 0:
		return model.Edit{}, model.Invalid(where, "stable key", "an issue's key cannot change (stances are filed under it); add a new issue instead")
	case 1:
		if err := model.CheckName(where, text); err != nil {
			return model.Edit{}, err
		}
		is.Name = strings.TrimSpace(text)
	case 2:
		v, err := parseShown(where, &is, text)
		if err != nil {
			return model.Edit{}, err
		}
		is.StatusQuo = v
	case 3:
		is.Anchors = nil
		for _, part := range strings.Split(text, ";") {
			if strings.TrimSpace(part) == "" {
				continue
			}
			at, label, ok := strings.Cut(part, "=")
			if !ok {
				return model.Edit{}, model.Invalid(where, "at=label", "write each anchor as 0=label, separated by ;")
			}
			v, err := parseShown(where, &is, at)
			if err != nil {
				return model.Edit{}, err
			}
			is.Anchors = append(is.Anchors, model.Anchor{At: v, Label: strings.TrimSpace(label)})
		}
	case 4:
		is.Description = text
	case 5:
		// The scale names what 0 and 100 mean; the stored positions stay.
		own, err := parseScaleText(where, text)
		if err != nil {
			return model.Edit{}, err
		}
		is.Scale = own
	}
	if d.issueGet(r, c) == text {
		return model.Edit{}, nil
	}
	return model.ChangeIssue(sc, r, is, fmt.Sprintf("%s changed", where)), nil
}

// AddIssue appends an issue on which no actor's stance is set yet.
func (d *dataEditor) AddIssue() error {
	sc := d.sc()
	if sc == nil {
		return nil
	}
	k := len(sc.Issues) + 1
	key := fmt.Sprintf("issue-%d", k)
	for sc.IssueIndex(key) >= 0 {
		k++
		key = fmt.Sprintf("issue-%d", k)
	}
	return d.u.Do(model.AddUnsetIssue(sc, len(sc.Issues), model.Issue{Key: key, Name: fmt.Sprintf("Issue %d", k), StatusQuo: 50}))
}

// DeleteIssue removes issue r and every stance on it (undoable).
func (d *dataEditor) DeleteIssue(r int) error {
	sc := d.sc()
	if sc == nil || r < 0 || r >= len(sc.Issues) {
		return nil
	}
	return d.u.Do(model.RemoveIssue(sc, r))
}

// Stances: two columns per issue, position and salience.

func (d *dataEditor) stanceCols() []column {
	cols := []column{}
	if d.sc() == nil {
		return cols
	}
	for _, is := range d.sc().Issues {
		cols = append(cols, column{positionTitle(&is), 150}, column{is.Key + " · salience", 150}) // headerWidth widens them to their titles
	}
	return cols
}

// unsetText is what the stance table shows for a stance not set.
const unsetText = "—"

func (d *dataEditor) stanceGet(r, c int) string {
	if !d.sc().HasStance(r, c/2) {
		return unsetText
	}
	st := d.sc().Stance(r, c/2)
	if c%2 == 0 {
		return shownNum(&d.sc().Issues[c/2], st.Position)
	}
	return fmtNum(st.Salience)
}

func (d *dataEditor) stanceSet(r, c int, text string) (model.Edit, error) {
	sc := d.sc()
	i := c / 2
	st := sc.Stance(r, i)
	field := "position"
	if c%2 == 1 {
		field = "salience"
	}
	where := fmt.Sprintf("%s %s on %q", sc.Actors[r].Name, field, sc.Issues[i].Name)
	set := sc.HasStance(r, i)
	if t := strings.TrimSpace(text); t == "" || t == unsetText {
		if !set {
			return model.Edit{}, nil
		}
		// Clearing a cell unsets the stance: left out of the models.
		return model.UnsetStance(sc, r, i, fmt.Sprintf("%s on %q unset", sc.Actors[r].Name, sc.Issues[i].Name)), nil
	}
	var v float64
	var err error
	if c%2 == 0 {
		v, err = parseShown(where, &sc.Issues[i], text) // on the issue's own scale
	} else {
		if v, err = parseNum(where, text); err == nil {
			err = model.CheckScale(where, v)
		}
	}
	if err != nil {
		return model.Edit{}, err
	}
	if !set {
		// Setting an unset stance: the field typed, the other at the issue's
		// status quo (position) or 0 (salience) until typed too.
		st = model.Stance{Position: sc.Issues[i].StatusQuo}
		if c%2 == 0 {
			st.Position = v
		} else {
			st.Salience = v
		}
		return model.ChangeStance(sc, r, i, st, fmt.Sprintf("%s: not set → %s", where, strings.TrimSpace(text))), nil
	}
	old := st.Position
	if c%2 == 0 {
		st.SetPosition(v)
	} else {
		old = st.Salience
		st.SetSalience(v)
	}
	if old == v {
		return model.Edit{}, nil
	}
	if c%2 == 0 && sc.Issues[i].Scale != nil {
		is := &sc.Issues[i]
		return model.ChangeStance(sc, r, i, st, model.Describe(where, round9(is.Shown(old)), round9(is.Shown(v)))), nil
	}
	return model.ChangeStance(sc, r, i, st, model.Describe(where, old, v)), nil
}

func (d *dataEditor) showDetail(r, c int) {
	sc := d.sc()
	if sc == nil || r < 0 || r >= len(sc.Actors) || c < 0 || c/2 >= len(sc.Issues) {
		d.detail.SetText("")
		return
	}
	st := sc.Stance(r, c/2)
	if !sc.HasStance(r, c/2) {
		d.detail.SetText(fmt.Sprintf("%s has no stance on %s (not set): it is left out of every model there. Type a position and a salience to set it.", sc.Actors[r].Name, sc.Issues[c/2].Name))
	} else {
		is := &sc.Issues[c/2]
		d.detail.SetText(fmt.Sprintf("%s on %s: position %s (scale %s), salience %s. Its ranges, source and rationale:", sc.Actors[r].Name, is.Name,
			shownNum(is, st.Position), scaleWords(is), fmtNum(st.Salience)))
	}
	if d.posRange != nil {
		d.posRange.SetText(shownRange(&sc.Issues[c/2], st.PositionRange))
		d.salRange.SetText(fmtRange(st.SalienceRange))
		d.source.SetText(st.Source)
		d.rationale.SetText(st.Rationale)
	}
}

// stanceForm edits the selected stance's ranges, source and rationale; Apply
// records them as one undoable edit.
func (d *dataEditor) stanceForm() fyne.CanvasObject {
	d.posRange, d.salRange, d.source, d.rationale = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	d.posRange.SetPlaceHolder("e.g. 40-60")
	d.salRange.SetPlaceHolder("e.g. 50-80")
	apply := widget.NewButton("Apply", func() {
		if err := d.ApplyStanceDetails(); err != nil {
			d.stances.message.SetText(model.ErrorMessage(err))
			d.stances.message.Show()
		} else {
			d.stances.message.Hide()
		}
	})
	ranges := container.NewGridWithColumns(4, widget.NewLabel("Position range"), d.posRange, widget.NewLabel("Salience range"), d.salRange)
	texts := container.NewBorder(nil, nil, nil, apply, container.NewGridWithColumns(2,
		container.NewBorder(nil, nil, widget.NewLabel("Source"), nil, d.source),
		container.NewBorder(nil, nil, widget.NewLabel("Rationale"), nil, d.rationale)))
	return container.NewVBox(ranges, texts)
}

// ApplyStanceDetails stores the form's ranges, source and rationale on the
// selected stance, as one edit; a bad range is refused with its rule.
func (d *dataEditor) ApplyStanceDetails() error {
	sc := d.sc()
	r, c := d.stances.cell.Row, d.stances.cell.Col
	if sc == nil || r < 0 || r >= len(sc.Actors) || c < 0 || c/2 >= len(sc.Issues) {
		return model.Invalid("stance", model.RuleRequired, "select a stance in the table first")
	}
	i := c / 2
	st := sc.Stance(r, i)
	where := fmt.Sprintf("%s on %q", sc.Actors[r].Name, sc.Issues[i].Name)
	if !sc.HasStance(r, i) {
		return model.Invalid(where, model.RuleRequired, "the stance is not set: type its position and salience in the table first")
	}
	var err error
	if st.PositionRange, err = parseShownRange(where+" position range", &sc.Issues[i], d.posRange.Text); err != nil {
		return err
	}
	if st.SalienceRange, err = parseRange(where+" salience range", d.salRange.Text); err != nil {
		return err
	}
	st.Source, st.Rationale = strings.TrimSpace(d.source.Text), strings.TrimSpace(d.rationale.Text)
	if reflect.DeepEqual(st, sc.Stance(r, i)) {
		return nil
	}
	if err := d.u.Do(model.ChangeStance(sc, r, i, st, "Details of "+where)); err != nil {
		return err
	}
	d.showDetail(r, c)
	return nil
}

// Paste writes a block of tab-separated cells (as a spreadsheet copies them)
// into the stance table from (row, col), as one undoable edit. Every cell is
// checked first; one bad cell refuses the whole block with its row and column.
func (d *dataEditor) Paste(row, col int, text string) error {
	sc := d.sc()
	if sc == nil {
		return nil
	}
	work := sc.Clone()
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\n"), "\n")
	var ops []model.Op
	for dr, line := range lines {
		r := row + dr
		if r >= len(work.Actors) {
			return model.Invalid(fmt.Sprintf("pasted row %d", dr+1), "fits the table", "the block has more rows than there are actors below the selected cell")
		}
		before := work.Clone()
		for dc, cell := range strings.Split(line, "\t") {
			c := col + dc
			if c >= 2*len(work.Issues) {
				return model.Invalid(fmt.Sprintf("pasted row %d column %d", dr+1, dc+1), "fits the table", "the block has more columns than the table")
			}
			where := fmt.Sprintf("pasted row %d column %d", dr+1, dc+1)
			var v float64
			var err error
			if c%2 == 0 {
				v, err = parseShown(where, &work.Issues[c/2], cell) // positions on the issue's own scale
			} else if v, err = parseNum(where, cell); err == nil {
				err = model.CheckScale(where, v)
			}
			if err != nil {
				return err
			}
			st := work.Stance(r, c/2)
			if c%2 == 0 {
				st.SetPosition(v)
			} else {
				st.SetSalience(v)
			}
			work.SetStance(r, c/2, st)
		}
		ops = append(ops, model.ChangeActor(before, r, work.Actors[r], "").Ops...)
	}
	return d.u.Do(model.Edit{Label: "Paste " + model.Count(len(lines), "row") + " into stances", Ops: ops})
}

// Sheets exposes the three tables to tests: actors, issues, stances.
func (d *dataEditor) Sheets() (actors, issues, stances *sheet) { return d.actors, d.issues, d.stances }

// headerWidth is a column's width: its own, or wider when its bold title
// would not fit ("enrichment · position" was cut to "enrichment · po…",
// colliding with its neighbour and hiding which field the column holds).
func headerWidth(c column) float32 {
	need := fyne.MeasureText(c.title, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 4*theme.Padding()
	return max(c.width, float32(math.Ceil(float64(need))))
}
