package verdict

import (
	"context"
	"fmt"
	"math"
	"sort"
	"sync"

	"parley/model"
	"parley/model/forecast"
)

// jump is the largest forecast change a probe caused.
type jump struct {
	ok                   bool
	input                string
	from, to, fFrom, fTo float64
	other                string // cross-issue: the issue the input is on
}

func (j *jump) offer(size float64, input string, from, to, fFrom, fTo float64, other string) {
	if !j.ok || size > math.Abs(j.fTo-j.fFrom)+1e-12 {
		*j = jump{ok: true, input: input, from: from, to: to, fFrom: fFrom, fTo: fTo, other: other}
	}
}

// probe moves every input a small step each way, reruns the models it
// affects and flags the knife-edges and the SMP's cross-issue sensitivity.
func probe(ctx context.Context, sc *model.Scenario, res *forecast.Result, opt forecast.Options, workers int, out *Verdicts) error {
	nI := len(sc.Issues)
	fams := forecast.Models(0)
	for _, is := range res.Issues {
		if is.BDM != nil || is.BDMErr != nil {
			fams |= forecast.BDM
		}
		if is.Baseline != nil || is.BaselineErr != nil {
			fams |= forecast.Baselines
		}
	}
	if res.SMP != nil {
		fams |= forecast.SMP
	}
	// edges[i][model]: the largest jump of model's forecast on issue i from
	// a probe of capability or of issue i's own inputs; cross[i]: the largest
	// jump of the SMP's forecast on i from a probe on another issue.
	edges := make([]map[model.ModelID]*jump, nI)
	cross := make([]jump, nI)
	for i := range edges {
		edges[i] = map[model.ModelID]*jump{}
	}
	point := func(i int, m model.ModelID) (float64, bool) {
		v, ok, _ := ValueOf(res, i, m)
		return v, ok
	}
	record := func(r *forecast.Result, issues []int, at func(int) int, input string, from, to float64, own int) {
		for _, i := range issues {
			for _, m := range modelsOf(r) {
				v0, ok0 := point(i, m)
				v1, ok1, _ := ValueOf(r, at(i), m)
				if !ok0 || !ok1 {
					continue
				}
				d := math.Abs(v1 - v0)
				if own < 0 || own == i {
					j := edges[i][m]
					if j == nil {
						j = &jump{}
						edges[i][m] = j
					}
					if d >= KnifeEdgeJump {
						j.offer(d, input, from, to, v0, v1, "")
					}
				} else if m == model.ModelSMP && d >= CrossIssueJump {
					cross[i].offer(d, input, from, to, v0, v1, sc.Issues[own].Name)
				}
			}
		}
	}
	all := make([]int, nI)
	for i := range all {
		all[i] = i
	}
	id := func(i int) int { return i }

	probed := probedActors(sc, opt, fams)
	out.Probe = coverage(sc, probed)

	// Every probe is a job, in a fixed order: each actor's capability down
	// and up, then each issue's position and salience down and up (the
	// one-issue models on that issue alone, then the SMP). Jobs run on
	// workers; their results are recorded in job order, so the flags (the
	// first of equal jumps wins) are the same whatever the worker count.
	type job struct {
		make     func() *model.Scenario
		models   forecast.Models
		issues   []int
		at       func(int) int
		input    string
		from, to float64
		own      int
	}
	var jobs []job
	for a := range sc.Actors {
		if !probed[a] {
			continue
		}
		ac := &sc.Actors[a]
		label := ac.ShortLabel()
		c := ac.Capability
		for _, to := range []float64{c * (1 - KnifeEdgeCapShare), math.Min(model.MaxCapability, c*(1+KnifeEdgeCapShare))} {
			if to == c {
				continue
			}
			mk := func() *model.Scenario {
				s := sc.Clone()
				s.Actors[a].Capability = to
				return s
			}
			jobs = append(jobs, job{make: mk, models: fams, issues: all, at: id, input: label + " capability", from: c, to: to, own: -1})
		}
		for i, is := range sc.Issues {
			st, set := ac.Stances[is.Key]
			if !set {
				continue // unset: left out of the models, nothing to probe
			}
			for _, f := range []model.Field{model.FieldPosition, model.FieldSalience} {
				v := st.Position
				if f == model.FieldSalience {
					v = st.Salience
				}
				for _, to := range []float64{math.Max(model.ScaleMin, v-KnifeEdgeStep), math.Min(model.ScaleMax, v+KnifeEdgeStep)} {
					if to == v {
						continue
					}
					moved := func() *model.Scenario {
						s := sc.Clone()
						ns := s.Stance(a, i)
						if f == model.FieldPosition {
							ns.Position = to
						} else {
							ns.Salience = to
						}
						s.SetStance(a, i, ns)
						return s
					}
					input := fmt.Sprintf("%s %s on %s", label, f, is.Name)
					// One-issue models on this issue alone.
					if one := fams &^ forecast.SMP; one != 0 {
						single := func() *model.Scenario {
							s := *moved()
							s.Issues = s.Issues[i : i+1]
							return &s
						}
						jobs = append(jobs, job{make: single, models: one, issues: []int{i}, at: func(int) int { return 0 }, input: input, from: v, to: to, own: i})
					}
					if fams&forecast.SMP != 0 {
						jobs = append(jobs, job{make: moved, models: forecast.SMP, issues: all, at: id, input: input, from: v, to: to, own: i})
					}
				}
			}
		}
	}
	err := inOrder(ctx, workers, len(jobs), func(k int) (*forecast.Result, error) {
		o := opt
		o.Models = jobs[k].models
		return forecast.Run(ctx, jobs[k].make(), o)
	}, func(k int, r *forecast.Result) {
		j := &jobs[k]
		record(r, j.issues, j.at, j.input, j.from, j.to, j.own)
	})
	if err != nil {
		return err
	}
	for i := range out.Issues {
		iv := &out.Issues[i]
		for k := range iv.Models {
			mv := &iv.Models[k]
			if !mv.OK {
				continue
			}
			if j := edges[i][mv.Model]; j != nil && j.ok {
				mv.Flags = append(mv.Flags, Flag{Kind: KnifeEdge, Input: j.input, InputFrom: j.from, InputTo: j.to,
					ForecastFrom: j.fFrom, ForecastTo: j.fTo,
					Text: fmt.Sprintf("knife-edge: %s %s → %s moves %s from %s to %s",
						j.input, fmtNum(j.from), fmtNum(j.to), mv.Model.Label(), fmtNum(j.fFrom), fmtNum(j.fTo))})
			}
			if mv.Model == model.ModelSMP && cross[i].ok {
				j := cross[i]
				mv.Flags = append(mv.Flags, Flag{Kind: CrossIssue, Input: j.input, InputFrom: j.from, InputTo: j.to,
					ForecastFrom: j.fFrom, ForecastTo: j.fTo,
					Text: fmt.Sprintf("sensitive to another issue: %s %s → %s moves the SMP here from %s to %s",
						j.input, fmtNum(j.from), fmtNum(j.to), fmtNum(j.fFrom), fmtNum(j.fTo))})
			}
		}
	}
	return nil
}

// inOrder runs job 0..n-1 on workers goroutines and hands each result to
// use in job order, on the calling goroutine; at most a few results per
// worker wait at a time. The first error in job order is returned (the
// jobs after it are not used).
func inOrder(ctx context.Context, workers, n int, run func(int) (*forecast.Result, error), use func(int, *forecast.Result)) error {
	workers = max(1, min(workers, n))
	chunk := 4 * workers
	res := make([]*forecast.Result, chunk)
	errs := make([]error, chunk)
	for lo := 0; lo < n; lo += chunk {
		if err := ctx.Err(); err != nil {
			return err
		}
		hi := min(n, lo+chunk)
		next := make(chan int, hi-lo)
		for k := lo; k < hi; k++ {
			next <- k
		}
		close(next)
		var wg sync.WaitGroup
		for range min(workers, hi-lo) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range next {
					res[k-lo], errs[k-lo] = run(k)
				}
			}()
		}
		wg.Wait()
		for k := lo; k < hi; k++ {
			if errs[k-lo] != nil {
				return errs[k-lo]
			}
			use(k, res[k-lo])
			res[k-lo] = nil
		}
	}
	return nil
}

// ProbeBudget bounds the probes' work, in units of one actor pair in one
// round of one issue (about 70 ns): every input of Muscat (12 actors, 6
// issues, about 3.9 M units) is probed, and a scenario too large to probe in
// about 1.5 s gets its most capable actors probed instead of making the
// analyst wait minutes (KTAB's 160-actor case needed 7 minutes). The cost is
// computed from the scenario's size, never timed, so the same scenario gets
// the same verdicts on every machine.
const ProbeBudget = 20e6

// probedActors chooses whose inputs the probes move: every actor when the
// whole probe fits ProbeBudget, else the most capable (ties: the first
// listed) while it does.
func probedActors(sc *model.Scenario, opt forecast.Options, fams forecast.Models) []bool {
	n, m := float64(len(sc.Actors)), float64(len(sc.Issues))
	rounds := float64(opt.BDM.Rounds)
	if rounds <= 0 {
		rounds = 10
	}
	var smp, one float64 // one SMP run on every issue; the one-issue models on one issue
	if fams&forecast.SMP != 0 {
		smp = n * n * n * m
	}
	if fams&^forecast.SMP != 0 {
		one = n * n * rounds
	}
	perActor := 2*(smp+m*one) + 4*m*(one+smp) // capability ±, then position and salience ± on each issue
	order := make([]int, len(sc.Actors))
	for a := range order {
		order[a] = a
	}
	sort.SliceStable(order, func(x, y int) bool { return sc.Actors[order[x]].Capability > sc.Actors[order[y]].Capability })
	probed := make([]bool, len(sc.Actors))
	spent := 0.0
	for _, a := range order {
		if spent+perActor > ProbeBudget {
			break
		}
		spent += perActor
		probed[a] = true
	}
	return probed
}

// coverage says in words which actors the probes covered when not all.
func coverage(sc *model.Scenario, probed []bool) Coverage {
	c := Coverage{Of: len(sc.Actors)}
	for _, p := range probed {
		if p {
			c.Actors++
		}
	}
	switch {
	case c.Actors == c.Of:
	case c.Actors == 0:
		c.Note = fmt.Sprintf("No knife-edge probes: %s on %s are too many to probe every input in reasonable time, so a forecast that a small change would move is not flagged.",
			model.Count(c.Of, "actor"), model.Count(len(sc.Issues), "issue"))
	default:
		c.Note = fmt.Sprintf("Knife-edge probes covered the inputs of the %d most capable of %d actors only (probing all would take too long); the others' inputs were not probed.", c.Actors, c.Of)
	}
	return c
}
