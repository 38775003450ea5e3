package store

import (
	"errors"
	"fmt"
	"strconv"

	"parley/model"
)

// RuleStoredRow is quoted when a row of the project file does not validate
// on load: another tool wrote something Parley never would.
const RuleStoredRow = "stored scenario valid"

// badRow reports a row of scenario name that cannot be loaded. The rest of
// the project still opens: the error names this scenario only.
func badRow(name, what, rule, format string, args ...any) error {
	where := "scenario " + strconv.Quote(name)
	if what != "" {
		where += " " + what
	}
	return model.Invalid(where, rule,
		format+"; another program changed the project file (the other scenarios still open: run parley-cli check, then delete or re-import this one)", args...)
}

// orphanStance reports a stance row whose actor or issue row is missing (or
// belongs to another scenario).
func orphanStance(sc *model.Scenario, actor int, actorOK bool, issueID int64) error {
	if !actorOK {
		return badRow(sc.Name, "stance", RuleKnownActor, "a stance belongs to an actor row that is missing")
	}
	return badRow(sc.Name, fmt.Sprintf("actor %s stance", strconv.Quote(sc.Actors[actor].Name)), model.RuleKnownIssue,
		"a stance is on issue row %d, which is not an issue of this scenario", issueID)
}

// RuleKnownActor names the rule an orphan stance breaks.
const RuleKnownActor = "known actor"

// checkLoaded validates a scenario as read from the file (a what-if only as
// far as its overrides go: it is resolved against its base afterwards). Inf,
// NaN or out-of-range numbers written by another SQLite tool are refused
// here, with the scenario's name, before any screen or model sees them.
func checkLoaded(sc *model.Scenario) error {
	errs := model.Validate(sc)
	if len(errs) == 0 {
		return nil
	}
	var e *model.Error
	if !errors.As(errs[0], &e) {
		return badRow(sc.Name, "", RuleStoredRow, "%v", errs[0])
	}
	msg := e.Message
	if len(errs) > 1 {
		msg += fmt.Sprintf(" (and %d more problems)", len(errs)-1)
	}
	return badRow(sc.Name, e.Where, e.Rule, "%s", msg)
}
