// Package forecast runs every model Parley ships on one scenario, once, and
// gathers their results: BDM, the baselines, power indices and blocs per
// issue, and KTAB's SMP across all issues. Every chart, the CLI and the
// uncertainty analysis read these results; nothing is computed twice.
package forecast

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"

	"parley/model"
	"parley/model/baseline"
	"parley/model/bdm"
	"parley/model/bloc"
	"parley/model/exchange"
	"parley/model/power"
	"parley/model/smp"
)

// Models is a set of model families to run.
type Models uint8

// The model families.
const (
	BDM Models = 1 << iota
	SMP
	Baselines
	Power
	Exchange // Stokman & Van Oosten's exchange model, across all issues
	All      = BDM | SMP | Baselines | Power | Exchange
)

// ParseModels reads the CLI's --model value.
func ParseModels(s string) (Models, error) {
	switch s {
	case "", "all":
		return All, nil
	case "bdm":
		return BDM, nil
	case "smp":
		return SMP, nil
	case "baselines", "baseline":
		return Baselines, nil
	case "power":
		return Power, nil
	case string(model.ModelExchange):
		return Exchange, nil
	}
	return 0, model.Invalid("--model", "known model", "unknown model %q; use bdm, smp, baselines, power, exchange or all", s)
}

// Options choose the models and their settings. The zero value runs every
// model with its defaults.
type Options struct {
	Models  Models
	BDM     bdm.Options
	SMP     smp.Options
	Nash    baseline.NashOptions
	Power   power.Options
	BlocTol float64 // 0 = bloc.DefaultTol

	Exchange exchange.Options
	// Serial runs the issues one after another on the calling goroutine and
	// skips the fingerprint: for callers that already use every core (the
	// Monte Carlo runs draws in parallel, the verdicts' probes). It changes
	// no number; the models then keep what those callers read: BDM its
	// rounds and forecast (RoundsOnly), the SMP its last turn and forecast
	// (ForecastOnly), the exchange model its outcomes and forecast
	// (OutcomesOnly).
	Serial bool `json:"-"`
}

// FromSettings returns the options a scenario's settings ask for.
func FromSettings(s model.Settings) Options {
	o := Options{Models: All}
	o.BDM.Rounds = s.BDMRounds
	o.BDM.Q = s.BDMQ
	o.BlocTol = s.BlocTol
	o.Power.Share = s.Quota
	o.SMP = smp.FromSettings(s.SMP)
	return o
}

// Issue holds the per-issue results. A model that cannot say anything about
// this issue (degenerate data) leaves its result nil and says why in its Err.
type Issue struct {
	Key, Name   string
	StatusQuo   float64
	BDM         *bdm.Result
	BDMErr      error
	Baseline    *baseline.Result
	BaselineErr error
	Power       *power.Result
	PowerErr    error
	// Blocs are the groups of actors after BDM's final round (or at the start
	// when BDM could not run).
	Blocs    []bloc.Bloc
	BlocsErr error
	// Unset lists the actors with no stance on the issue, left out of every
	// model on it (unset.go).
	Unset []int
}

// Result is every model's answer for one scenario.
type Result struct {
	Scenario string
	Actors   []string
	Issues   []Issue
	SMP      *smp.Result
	SMPErr   error
	// SMPRescaled names the actors whose saliences summed above 100 across
	// issues and were scaled down proportionally for the SMP (it needs Σ ≤ 100).
	SMPRescaled []string
	// Exchange is the exchange model's run over all issues (its Forecast is
	// the voting outcome after the last round); ExchangeErr says why not.
	Exchange    *exchange.Result
	ExchangeErr error
	// Fingerprint identifies the inputs and options: two runs with the same
	// fingerprint give the same numbers.
	Fingerprint string
}

// Run runs the chosen models on sc. Issues run in parallel; the SMP runs
// beside them. It returns an error only when ctx is cancelled: a model that
// fails on one issue reports it in that issue's Err field.
func Run(ctx context.Context, sc *model.Scenario, opt Options) (*Result, error) {
	if opt.Models == 0 {
		opt.Models = All
	}
	opt = withPairs(sc, opt)
	res := &Result{Scenario: sc.Name, Issues: make([]Issue, len(sc.Issues))}
	for _, a := range sc.Actors {
		res.Actors = append(res.Actors, a.Name)
	}
	if opt.Serial {
		opt.BDM.RoundsOnly = true   // the callers read forecasts and rounds, not moves
		opt.SMP.ForecastOnly = true // nor the SMP's turns
		for i := range sc.Issues {
			res.Issues[i] = runIssue(sc, i, opt)
		}
		if opt.Models&SMP != 0 && len(sc.Issues) > 0 {
			res.SMP, res.SMPErr, res.SMPRescaled = runSMP(ctx, sc, opt.SMP) // unset.go
		}
		if opt.Models&Exchange != 0 && len(sc.Issues) > 0 {
			xo := opt.Exchange
			xo.OutcomesOnly = true // the Monte Carlo reads the forecast only
			res.Exchange, res.ExchangeErr = exchange.Run(exchange.FromScenario(sc), xo)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return res, nil
	}
	res.Fingerprint = Fingerprint(sc, opt)
	rep := newReporter(ctx, sc, opt) // progress.go: the window's progress bar
	var wg sync.WaitGroup
	if opt.Models&SMP != 0 && len(sc.Issues) > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res.SMP, res.SMPErr, res.SMPRescaled = runSMP(ctx, sc, opt.SMP) // unset.go
			rep.part(model.ModelSMP.Label())
		}()
	}
	if opt.Models&Exchange != 0 && len(sc.Issues) > 0 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res.Exchange, res.ExchangeErr = exchange.RunContext(ctx, exchange.FromScenario(sc), opt.Exchange)
			rep.part(model.ModelExchange.Label())
		}()
	}
	// At most one issue per core at a time, so a cancelled run stops after
	// the issues in hand instead of every issue at once.
	slots := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for i := range sc.Issues {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			slots <- struct{}{}
			defer func() { <-slots }()
			if ctx.Err() != nil {
				return
			}
			res.Issues[i] = runIssue(sc, i, opt)
			rep.part(sc.Issues[i].Name)
		}(i)
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

func runIssue(sc *model.Scenario, i int, opt Options) Issue {
	is := sc.Issues[i]
	col := sc.Column(i)
	if sub, keep := setColumn(sc, i, col); keep != nil {
		return runIssueSet(sc, i, opt, col, sub, keep) // unset.go: actors without a stance left out
	}
	out := Issue{Key: is.Key, Name: is.Name, StatusQuo: is.StatusQuo}
	w := baseline.Weights(col)
	final := col.Position
	if opt.Models&BDM != 0 {
		out.BDM, out.BDMErr = bdm.Run(bdm.Input(col), opt.BDM)
		if out.BDM != nil {
			final = out.BDM.Rounds[len(out.BDM.Rounds)-1].Positions
		}
	}
	if opt.Models&Baselines != 0 {
		out.Baseline, out.BaselineErr = baseline.Compute(col, is.StatusQuo, opt.Nash)
	}
	if opt.Models&Power != 0 {
		out.Power, out.PowerErr = power.Indices(w, opt.Power)
	}
	out.Blocs, out.BlocsErr = bloc.OnIssue(final, w, opt.BlocTol)
	return out
}

// SMPInput turns sc into the SMP's input. KTAB requires each actor's saliences
// to sum to at most 100 across issues; Parley's are 0-100 per issue, so an
// actor whose sum is above 100 has its saliences scaled down in proportion.
// The names of those actors are returned so the UI and CLI can say so.
func SMPInput(sc *model.Scenario) (smp.Input, []string) {
	n := len(sc.Actors)
	in := smp.Input{Names: make([]string, n), Capability: make([]float64, n), Position: make([][]float64, n), Salience: make([][]float64, n)}
	var rescaled []string
	for a, ac := range sc.Actors {
		in.Names[a], in.Capability[a] = ac.Name, ac.Capability
		pos, sal := make([]float64, len(sc.Issues)), make([]float64, len(sc.Issues))
		var sum float64
		for i, is := range sc.Issues {
			st, ok := ac.Stances[is.Key]
			if !ok {
				st = model.Stance{Position: smpUnset(sc, i)} // unset.go: salience 0, no pull
			}
			pos[i], sal[i] = st.Position, st.Salience
			sum += st.Salience
		}
		if sum > 100 {
			for i := range sal {
				sal[i] *= 100 / sum
			}
			rescaled = append(rescaled, ac.Name)
		}
		in.Position[a], in.Salience[a] = pos, sal
	}
	return in, rescaled
}

// Fingerprint is a short hash of everything a run depends on: every actor's
// capability, position and salience, the status quos and the options.
func Fingerprint(sc *model.Scenario, opt Options) string {
	opt = withPairs(sc, opt)
	type stance struct {
		P, S float64
		U    bool `json:",omitempty"` // unset: left out (another run than a stance at 0, 0)
	}
	type actor struct {
		C float64
		S []stance
	}
	in := struct {
		Q []float64
		A []actor
		O Options
	}{O: opt}
	for _, is := range sc.Issues {
		in.Q = append(in.Q, is.StatusQuo)
	}
	for _, a := range sc.Actors {
		ac := actor{C: a.Capability}
		for _, is := range sc.Issues {
			st, ok := a.Stances[is.Key]
			ac.S = append(ac.S, stance{st.Position, st.Salience, !ok})
		}
		in.A = append(in.A, ac)
	}
	b, err := json.Marshal(in)
	if err != nil {
		// JSON has no NaN or ±Inf (a scenario that skipped validation):
		// encode every number as text instead, which never fails and never
		// equals the JSON of a valid scenario.
		b = fingerprintText(in.Q, in.A, opt)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:6])
}

// fingerprintText is the fallback encoding of Fingerprint's inputs.
func fingerprintText[A any](q []float64, actors []A, opt Options) []byte {
	var sb strings.Builder
	sb.WriteString("text:")
	for _, v := range q {
		sb.WriteString(strconv.FormatFloat(v, 'g', -1, 64) + ",")
	}
	fmt.Fprintf(&sb, "%v|%+v", actors, opt)
	return []byte(sb.String())
}

// Value is one model's forecast for one issue.
type Value struct {
	Model string // "BDM", "SMP" (its weighted median), "Weighted median", "Weighted mean", "Nash", "Exchange"
	Value float64
}

// Forecasts lists each model's forecast for issue i, in a fixed order, leaving
// out models that had nothing to say.
func (r *Result) Forecasts(i int) []Value {
	var v []Value
	is := &r.Issues[i]
	if is.BDM != nil {
		v = append(v, Value{"BDM", is.BDM.Forecast})
	}
	if r.SMP != nil && i < len(r.SMP.Forecast) {
		v = append(v, Value{"SMP", r.SMP.Forecast[i].Median})
	}
	if is.Baseline != nil {
		v = append(v, Value{"Weighted median", is.Baseline.Median}, Value{"Weighted mean", is.Baseline.Mean})
		if is.Baseline.Nash != nil {
			v = append(v, Value{"Nash", *is.Baseline.Nash})
		}
	}
	if r.Exchange != nil && i < len(r.Exchange.Forecast) {
		v = append(v, Value{model.ModelExchange.Label(), r.Exchange.Forecast[i]})
	}
	return v
}

// ExchangeFinal returns each actor's voting position on issue i after the
// exchange model's last round.
func (r *Result) ExchangeFinal(i int) []float64 {
	if r.Exchange == nil || len(r.Exchange.Rounds) == 0 {
		return nil
	}
	last := r.Exchange.Rounds[len(r.Exchange.Rounds)-1]
	out := make([]float64, len(last.VotingPositions))
	for a, p := range last.VotingPositions {
		out[a] = p[i]
	}
	return out
}

// SMPFinal returns each actor's SMP position on issue i after the last turn.
func (r *Result) SMPFinal(i int) []float64 {
	if r.SMP == nil || len(r.SMP.Turns) == 0 {
		return nil
	}
	last := r.SMP.Turns[len(r.SMP.Turns)-1]
	out := make([]float64, len(last.Positions))
	for a, p := range last.Positions {
		out[a] = p[i]
	}
	return out
}

// BDMFinal returns each actor's BDM position on issue i after the last round.
func (r *Result) BDMFinal(i int) []float64 {
	if r.Issues[i].BDM == nil {
		return nil
	}
	rs := r.Issues[i].BDM.Rounds
	return rs[len(rs)-1].Positions
}
