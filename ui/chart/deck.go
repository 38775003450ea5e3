package chart

import (
	"fmt"

	"gonum.org/v1/plot"

	"parley/model"
	"parley/model/baseline"
	"parley/model/bloc"
	"parley/model/forecast"
)

// ChartSpec says which chart to draw and from which model, issue and round;
// the deck stores it (model.ChartSpec) and BuildChart draws it.
type ChartSpec = model.ChartSpec

// BuildChart draws the chart spec names from a scenario and its forecast run,
// in style st. res may be nil for charts that show only the inputs (a stance
// map without predicted moves). A chart Parley cannot draw (yet), or one
// whose model had nothing to say on the issue, is an error saying so.
func BuildChart(spec ChartSpec, sc *model.Scenario, res *forecast.Result, st Style) (*plot.Plot, error) {
	return BuildChartWith(spec, sc, res, nil, st)
}

// Bands are a Monte Carlo run's P10-P90 bands of each model's forecast on
// one issue, by model name ("BDM", "SMP", "Weighted median", ...).
type Bands map[string][2]float64

// Uncertainty is what a Monte Carlo run adds to the chart of one issue:
// each model's P10-P90 band (stance maps) and the fan of BDM's weighted
// median round by round, Fan[r] = {P10, P90} (BDM trajectories).
//
// Note, when set, follows the band in the legend: "preliminary (40 draws)"
// while a run is still drawing.
type Uncertainty struct {
	Bands Bands
	Fan   [][2]float64
	Note  string
}

// BuildChartWith is BuildChart with the forecast's uncertainty drawn too: a
// stance map shades each model's P10-P90 band around its forecast line, a
// BDM trajectory the fan of its median. unc may be nil.
func BuildChartWith(spec ChartSpec, sc *model.Scenario, res *forecast.Result, unc *Uncertainty, st Style) (*plot.Plot, error) {
	var bands Bands
	note := ""
	if unc != nil {
		bands, note = unc.Bands, unc.Note
	}
	if err := spec.Validate(sc); err != nil {
		return nil, err
	}
	i, err := specIssue(sc, spec.Issue)
	if err != nil {
		return nil, err
	}
	if spec.Kind == model.ChartStance {
		return stanceChart(spec, sc, res, i, bands, note, st)
	}
	if spec.Kind == model.ChartSummary {
		return SummaryChart(sc, res, st) // summary.go
	}
	if spec.Kind == model.ChartQuad {
		d, err := QuadFromBDM(sc, res, i, spec.Round) // quad.go
		if err != nil {
			return nil, err
		}
		return d.Plot(st)
	}
	if spec.Kind == model.ChartStance2D {
		return stance2DChart(spec, sc, res, i, st)
	}
	if spec.Kind == model.ChartCoalition {
		return coalitionChart(spec, sc, res, i, st)
	}
	if res == nil {
		return nil, model.Errorf(model.EINVALID, "the %s chart needs a forecast run", spec.Kind)
	}
	end := specEnd(spec)
	switch spec.Kind {
	case model.ChartExchanges:
		return ExchangeNetwork(sc, res, spec.Round, st)
	case model.ChartLandscape:
		rounds := RoundPositions(res, i, end)
		if rounds == nil {
			_, _, err := roundPositions(spec, sc, res, i)
			return nil, err
		}
		r := len(rounds) - 1
		if spec.Round > 0 && spec.Round < r {
			r = spec.Round
		}
		return Landscape(sc, i, rounds, r, 0, st)
	case model.ChartTrajectory:
		var d TrajectoryData
		if end == EndSMP {
			d, err = TrajectoryFromSMP(sc, res, i)
		} else if end == EndExchange {
			d, err = TrajectoryFromExchange(sc, res, i)
		} else {
			d, err = TrajectoryFromBDM(sc, res, i)
		}
		if err != nil {
			return nil, err
		}
		if unc != nil && end == EndBDM {
			d.Fan = unc.Fan
		}
		return d.Plot(st)
	case model.ChartPower:
		pr := res.Issues[i].Power
		if pr == nil {
			return nil, model.Errorf(model.EDEGENERATE, "no power indices on %q: %s", sc.Issues[i].Name, model.ErrorMessage(res.Issues[i].PowerErr))
		}
		return PowerBars(sc, pr, i, st)
	}
	return nil, model.Errorf(model.EINVALID, "the %s chart cannot be drawn in this version of Parley", spec.Kind)
}

// specEnd is the model whose moves the spec shows.
func specEnd(spec ChartSpec) EndModel {
	if spec.Model == model.ModelSMP {
		return EndSMP
	}
	if spec.Model == model.ModelExchange {
		return EndExchange
	}
	return EndBDM
}

// stance2DChart is the two-issue map of the spec's issues (the second
// defaults to the next issue) with the blocs and moves the model predicts.
func stance2DChart(spec ChartSpec, sc *model.Scenario, res *forecast.Result, ix int, st Style) (*plot.Plot, error) {
	iy := (ix + 1) % len(sc.Issues)
	if spec.Issue2 != "" {
		iy = sc.IssueIndex(spec.Issue2)
	}
	var ends [][2]float64
	if res != nil {
		ex, _, err := roundPositions(spec, sc, res, ix)
		if err != nil {
			return nil, err
		}
		ey, _, err := roundPositions(spec, sc, res, iy)
		if err != nil {
			return nil, err
		}
		ends = make([][2]float64, len(ex))
		for a := range ends {
			ends[a] = [2]float64{ex[a], ey[a]}
		}
	}
	blocs, err := Blocs2D(sc, ix, iy, ends, sc.Settings.BlocTol)
	if err != nil {
		return nil, err
	}
	return ForecastStance2D(sc, res, ix, iy, ends, blocs, st)
}

// coalitionChart draws the blocs on issue i where the model leaves the
// actors (at the spec's round), or where they stand now without a run.
func coalitionChart(spec ChartSpec, sc *model.Scenario, res *forecast.Result, i int, st Style) (*plot.Plot, error) {
	blocs, err := specBlocs(spec, sc, res, i)
	if err != nil {
		return nil, err
	}
	return Coalitions(sc, blocs, i, st)
}

// specBlocs groups the actors on issue i where the spec's model leaves them
// at its round: the run's own blocs for BDM's last round, else grouped here
// with the scenario's tolerance; without a run, where they stand now.
func specBlocs(spec ChartSpec, sc *model.Scenario, res *forecast.Result, i int) ([]bloc.Bloc, error) {
	if res != nil && spec.Model != model.ModelSMP && spec.Round == 0 {
		return res.Issues[i].Blocs, res.Issues[i].BlocsErr
	}
	col := sc.Column(i)
	pos := col.Position
	if res != nil {
		var err error
		if pos, _, err = roundPositions(spec, sc, res, i); err != nil {
			return nil, err
		}
	}
	return bloc.OnIssue(pos, baseline.Weights(col), sc.Settings.BlocTol)
}

// stanceChart is the one-issue stance map with every model's forecast beside
// the status quo and, as arrows, the moves the spec's model predicts up to
// its round (the last when 0 or beyond the last). Of bands, only the spec's
// model's is shaded (note, when set, follows it in the legend).
func stanceChart(spec ChartSpec, sc *model.Scenario, res *forecast.Result, i int, bands Bands, note string, st Style) (*plot.Plot, error) {
	in, err := stanceChartInput(spec, sc, res, i, bands, note, st)
	if err != nil {
		return nil, err
	}
	return StanceMap(in, st)
}

// stanceChartInput is what stanceChart draws.
func stanceChartInput(spec ChartSpec, sc *model.Scenario, res *forecast.Result, i int, bands Bands, note string, st Style) (StanceInput, error) {
	if res == nil {
		return ForecastStance(sc, nil, i, NoArrows, st), nil
	}
	ends, label, err := roundPositions(spec, sc, res, i)
	if err != nil {
		return StanceInput{}, err
	}
	in := ForecastStance(sc, res, i, specEnd(spec), st)
	if spec.Round > 0 {
		in.Bubbles, in.Arrows = StanceFromScenario(sc, i, ends).Bubbles, label
	}
	SetBand(in.Markers, bands, bandModel(in.Markers, spec.Model))
	in.BandNote = note
	return in, nil
}

// bandModel is the Model name of the marker showing model id's forecast
// (BDM when id is unset), or "" when none does.
func bandModel(ms []Marker, id model.ModelID) string {
	if id == "" {
		id = model.ModelBDM
	}
	for _, m := range ms {
		if got, err := model.ParseModelID(m.Model); err == nil && got == id {
			return m.Model
		}
	}
	return ""
}

// roundPositions returns each actor's position on issue i after the spec's
// round (BDM) or turn (SMP), the last when the spec says 0 or a later one,
// and names it for a legend; an error says why the model has no result.
func roundPositions(spec ChartSpec, sc *model.Scenario, res *forecast.Result, i int) ([]float64, string, error) {
	if spec.Model == model.ModelExchange {
		return exchangeEnds(sc, res, i, spec.Round)
	}
	if spec.Model == model.ModelSMP {
		if res.SMP == nil || len(res.SMP.Turns) == 0 {
			return nil, "", model.Errorf(model.EDEGENERATE, "the SMP has no result for scenario %q: %s", sc.Name, model.ErrorMessage(res.SMPErr))
		}
		turns := res.SMP.Turns
		t := len(turns) - 1
		if spec.Round > 0 && spec.Round < t {
			t = spec.Round
		}
		pos := make([]float64, len(turns[t].Positions))
		for a, p := range turns[t].Positions {
			pos[a] = p[i]
		}
		return pos, fmt.Sprintf("Predicted move (SMP, turn %d)", t), nil
	}
	r := res.Issues[i].BDM
	if r == nil || len(r.Rounds) == 0 {
		return nil, "", model.Errorf(model.EDEGENERATE, "BDM has no result on %q: %s", sc.Issues[i].Name, model.ErrorMessage(res.Issues[i].BDMErr))
	}
	k := len(r.Rounds) - 1
	if spec.Round > 0 && spec.Round < k {
		k = spec.Round
	}
	return r.Rounds[k].Positions, fmt.Sprintf("Predicted move (BDM, round %d)", k), nil
}

// specIssue is the index of the spec's issue, the first issue when it names none.
func specIssue(sc *model.Scenario, name string) (int, error) {
	if len(sc.Issues) == 0 {
		return 0, model.Degenerate("scenario %q has no issues to chart", sc.Name)
	}
	if name == "" {
		return 0, nil
	}
	i := sc.IssueIndex(name)
	if i < 0 {
		return 0, model.Errorf(model.ENOTFOUND, "scenario %q has no issue %q", sc.Name, name)
	}
	return i, nil
}
