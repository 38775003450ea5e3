package forecast

import (
	"context"
	"sync"

	"parley/model"
)

// Progress is told, from the goroutine that finished it, each part of a run
// that is done: a model over all issues (the SMP, the exchange model) or one
// issue's BDM, baselines, power and blocs. done counts the parts finished so
// far, of total. It is called at most total times and never after Run returns.
type Progress func(part string, done, total int)

type progressKey struct{}

// WithProgress returns a context that makes Run report its parts to p (the
// window's progress bar on a 250-actor scenario; the CLI has no need).
func WithProgress(ctx context.Context, p Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

// Parts is the number of parts Run reports for sc with opt: one per issue,
// plus the SMP and the exchange model when they run.
func Parts(sc *model.Scenario, opt Options) int {
	if opt.Models == 0 {
		opt.Models = All
	}
	n := len(sc.Issues)
	if n > 0 && opt.Models&SMP != 0 {
		n++
	}
	if n > 0 && opt.Models&Exchange != 0 {
		n++
	}
	return n
}

// reporter counts finished parts and tells ctx's Progress, if any.
type reporter struct {
	p     Progress
	total int
	mu    sync.Mutex
	done  int
}

func newReporter(ctx context.Context, sc *model.Scenario, opt Options) *reporter {
	p, _ := ctx.Value(progressKey{}).(Progress)
	if p == nil {
		return nil
	}
	return &reporter{p: p, total: Parts(sc, opt)}
}

// part reports one finished part (a nil reporter does nothing).
func (r *reporter) part(name string) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.done++
	r.p(name, r.done, r.total)
}
