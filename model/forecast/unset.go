package forecast

import (
	"context"
	"math"

	"parley/model"
	"parley/model/baseline"
	"parley/model/bdm"
	"parley/model/bloc"
	"parley/model/power"
	"parley/model/smp"
)

// An actor whose stance on an issue is unset (a new actor, before the
// analyst gives it one) is left out of every model on that issue: BDM, the
// baselines, the power indices and the blocs run on the actors that have a
// stance, and the results are laid back out by the scenario's actor order.
// In BDM's rounds a left-out actor stays where sc.Column puts it and never
// moves; its power indices are 0; it is in no bloc. Issue.Unset names them.
// The exchange model leaves missing stances out itself (exchange.Stance.Has);
// the SMP, which needs every actor on every issue, gets salience 0 there.

// setColumn is issue i's column with only the actors who have a stance on
// it, and their indices in the scenario; keep is nil when every actor has one.
func setColumn(sc *model.Scenario, i int, col model.Column) (sub model.Column, keep []int) {
	key := sc.Issues[i].Key
	all := true
	for _, a := range sc.Actors {
		if _, ok := a.Stances[key]; !ok {
			all = false
			break
		}
	}
	if all {
		return col, nil
	}
	for k, a := range sc.Actors {
		if _, ok := a.Stances[key]; ok {
			keep = append(keep, k)
			sub.Names = append(sub.Names, col.Names[k])
			sub.Capability = append(sub.Capability, col.Capability[k])
			sub.Position = append(sub.Position, col.Position[k])
			sub.Salience = append(sub.Salience, col.Salience[k])
		}
	}
	return sub, keep
}

// unsetOn lists the actors without a stance on issue i, in actor order.
func unsetOn(sc *model.Scenario, i int) []int {
	var out []int
	key := sc.Issues[i].Key
	for k, a := range sc.Actors {
		if _, ok := a.Stances[key]; !ok {
			out = append(out, k)
		}
	}
	return out
}

// subPairs keeps the no-bargaining pairs between actors that take part,
// renumbered for the sub-column.
func subPairs(pairs [][2]int, keep []int) [][2]int {
	at := map[int]int{}
	for s, k := range keep {
		at[k] = s
	}
	var out [][2]int
	for _, p := range pairs {
		a, okA := at[p[0]]
		b, okB := at[p[1]]
		if okA && okB {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

// runIssueSet is runIssue for an issue some actors have no stance on.
func runIssueSet(sc *model.Scenario, i int, opt Options, col, sub model.Column, keep []int) Issue {
	is := sc.Issues[i]
	n := len(sc.Actors)
	out := Issue{Key: is.Key, Name: is.Name, StatusQuo: is.StatusQuo, Unset: unsetOn(sc, i)}
	w := baseline.Weights(sub)
	final := sub.Position
	if opt.Models&BDM != 0 {
		bo := opt.BDM
		bo.NoBargain = subPairs(opt.BDM.NoBargain, keep)
		res, err := bdm.Run(bdm.Input(sub), bo)
		out.BDMErr = err
		if res != nil {
			final = res.Rounds[len(res.Rounds)-1].Positions
			out.BDM = expandBDM(res, keep, col.Position, n)
		}
	}
	if opt.Models&Baselines != 0 {
		out.Baseline, out.BaselineErr = baseline.Compute(sub, is.StatusQuo, opt.Nash)
	}
	if opt.Models&Power != 0 {
		p, err := power.Indices(w, opt.Power)
		out.PowerErr = err
		if p != nil {
			out.Power = expandPower(p, keep, n)
		}
	}
	blocs, err := bloc.OnIssue(final, w, opt.BlocTol)
	out.BlocsErr = err
	for _, b := range blocs {
		for k, m := range b.Members {
			b.Members[k] = keep[m]
		}
		out.Blocs = append(out.Blocs, b)
	}
	return out
}

// expandBDM lays a run on the actors in keep back out over all n actors: the
// others hold their column position in every round.
func expandBDM(r *bdm.Result, keep []int, start []float64, n int) *bdm.Result {
	out := *r
	out.Rounds = make([]bdm.Round, len(r.Rounds))
	for t, rd := range r.Rounds {
		p := append([]float64(nil), start...)
		for s, k := range keep {
			p[k] = rd.Positions[s]
		}
		rd.Positions = p
		out.Rounds[t] = rd
	}
	out.Moves = make([]bdm.Move, len(r.Moves))
	for k, m := range r.Moves {
		m.Mover, m.Counterpart = keep[m.Mover], keep[m.Counterpart]
		out.Moves[k] = m
	}
	if r.Cycle != nil {
		c := *r.Cycle
		c.Actors = make([]bdm.Swing, len(r.Cycle.Actors))
		for k, s := range r.Cycle.Actors {
			s.Actor = keep[s.Actor]
			c.Actors[k] = s
		}
		out.Cycle = &c
	}
	return &out
}

// expandPower gives the actors not in keep indices of 0.
func expandPower(p *power.Result, keep []int, n int) *power.Result {
	out := *p
	spread := func(v []float64) []float64 {
		if v == nil {
			return nil
		}
		o := make([]float64, n)
		for s, k := range keep {
			o[k] = v[s]
		}
		return o
	}
	out.ShapleyShubik, out.Banzhaf, out.BanzhafRaw, out.Swings = spread(p.ShapleyShubik), spread(p.Banzhaf), spread(p.BanzhafRaw), spread(p.Swings)
	out.StdErrShapleyShubik, out.StdErrBanzhaf, out.StdErrBanzhafRaw = spread(p.StdErrShapleyShubik), spread(p.StdErrBanzhaf), spread(p.StdErrBanzhafRaw)
	return &out
}

// smpUnset is the position the SMP is given for an unset stance (with
// salience 0): the weighted mean of the stances set on the issue, so that it
// pulls no proposal anywhere; the midpoint when none is set.
func smpUnset(sc *model.Scenario, i int) float64 {
	key := sc.Issues[i].Key
	var num, den float64
	for _, a := range sc.Actors {
		if st, ok := a.Stances[key]; ok {
			num += a.Capability * st.Salience * st.Position
			den += a.Capability * st.Salience
		}
	}
	if den == 0 || math.IsNaN(num/den) {
		return (model.ScaleMin + model.ScaleMax) / 2
	}
	return num / den
}

// runSMP runs the SMP on sc. An actor with no stance set on any issue has
// nothing the SMP could weigh (it refuses an actor with zero salience
// everywhere): it is left out of the run, and the result is laid back out
// by the scenario's actor order, the actor holding its input position with
// probability 0, no challenge and its own status quo as its deal.
func runSMP(ctx context.Context, sc *model.Scenario, opt smp.Options) (*smp.Result, error, []string) {
	in, rescaled := SMPInput(sc)
	var keep []int
	for a, ac := range sc.Actors {
		for _, is := range sc.Issues {
			if _, ok := ac.Stances[is.Key]; ok {
				keep = append(keep, a)
				break
			}
		}
	}
	if len(keep) == len(sc.Actors) {
		r, err := smp.Run(ctx, in, opt)
		return r, err, rescaled
	}
	sub := smp.Input{}
	for _, a := range keep {
		sub.Names = append(sub.Names, in.Names[a])
		sub.Capability = append(sub.Capability, in.Capability[a])
		sub.Position = append(sub.Position, in.Position[a])
		sub.Salience = append(sub.Salience, in.Salience[a])
	}
	o := opt
	o.NoBargain = subPairs(opt.NoBargain, keep)
	r, err := smp.Run(ctx, sub, o)
	if r == nil {
		return nil, err, rescaled
	}
	return expandSMP(r, keep, in.Position), err, rescaled
}

// expandSMP lays a run on the actors in keep back out over all of them.
func expandSMP(r *smp.Result, keep []int, start [][]float64) *smp.Result {
	n := len(start)
	in := make([]bool, n)
	for _, k := range keep {
		in[k] = true
	}
	out := &smp.Result{Forecast: r.Forecast, RiskAttitudes: make([]float64, n)}
	for s, k := range keep {
		out.RiskAttitudes[k] = r.RiskAttitudes[s]
	}
	idx := func(s int) int {
		if s < 0 || s >= len(keep) {
			return s
		}
		return keep[s]
	}
	for _, t := range r.Turns {
		nt := smp.Turn{Turn: t.Turn, Positions: make([][]float64, n), Probabilities: make([]float64, n), RiskAttitudes: make([]float64, n)}
		if t.Targets != nil {
			nt.Targets = make([]int, n)
		}
		if t.Challenges != nil {
			nt.Challenges = make([]smp.Challenge, n)
		}
		if t.Adopted != nil {
			nt.Adopted = make([]smp.Deal, n)
		}
		for a := 0; a < n; a++ {
			if !in[a] {
				nt.Positions[a] = append([]float64(nil), start[a]...)
				if nt.Targets != nil {
					nt.Targets[a] = -1
				}
				if nt.Challenges != nil {
					nt.Challenges[a] = smp.Challenge{Target: -1}
				}
				if nt.Adopted != nil {
					nt.Adopted[a] = smp.Deal{Initiator: a, Receiver: a}
				}
			}
		}
		for s, k := range keep {
			nt.Positions[k] = t.Positions[s]
			nt.Probabilities[k] = t.Probabilities[s]
			if s < len(t.RiskAttitudes) {
				nt.RiskAttitudes[k] = t.RiskAttitudes[s]
			}
			if t.Targets != nil {
				nt.Targets[k] = idx(t.Targets[s])
			}
			if t.Challenges != nil {
				c := t.Challenges[s]
				c.Target = idx(c.Target)
				nt.Challenges[k] = c
			}
			if t.Adopted != nil {
				d := t.Adopted[s]
				nt.Adopted[k] = smp.Deal{Initiator: idx(d.Initiator), Receiver: idx(d.Receiver)}
			}
		}
		out.Turns = append(out.Turns, nt)
	}
	return out
}
