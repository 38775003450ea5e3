package model

import (
	"errors"
	"fmt"
)

// Error codes. Callers branch on these; users read Message.
const (
	EINVALID    = "invalid"    // input breaks a rule (range, required field, duplicate...)
	EDEGENERATE = "degenerate" // input is valid data but a model cannot say anything from it
	ENOTFOUND   = "not_found"  // a named scenario, actor or issue does not exist
	ECONFLICT   = "conflict"   // the database is busy or was changed by someone else
	EVERSION    = "version"    // a file or database from a newer Parley
	EINFEASIBLE = "infeasible" // a model has no answer for this input (e.g. Nash with q at an ideal)
	EINTERNAL   = "internal"   // a bug or an unexpected failure
)

// Error is Parley's one application error. Message is safe to show to an analyst
// as it is; Where says where the problem sits (a file:line:column, an XML element,
// or a field such as "actor 3 capability"), Rule names the rule that was broken.
type Error struct {
	Code    string
	Where   string
	Rule    string
	Message string
	Err     error // the underlying cause, for developers; may be nil
	// Loc, when set, says structurally where a validation problem sits, so
	// that a codec can translate it to the file:line:column it read it from
	// and a screen to the cell it shows it in.
	Loc *Loc
}

// Loc is where in a scenario a value sits: the actor and issue (by index,
// -1 for none) and the field ("capability", "position", "salience",
// "name", "status_quo", "settings.bdm_q"...).
type Loc struct {
	Actor, Issue int
	Field        string
}

func (e *Error) Error() string {
	s := e.Message
	if e.Where != "" {
		s = e.Where + ": " + s
	}
	if e.Rule != "" {
		s += " (rule: " + e.Rule + ")"
	}
	if e.Err != nil && e.Code == EINTERNAL {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an EINVALID error located at where and naming the rule broken.
func Invalid(where, rule, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Where: where, Rule: rule, Message: fmt.Sprintf(format, args...)}
}

// Degenerate returns an EDEGENERATE error: the data is valid but a model cannot use it.
func Degenerate(format string, args ...any) *Error {
	return &Error{Code: EDEGENERATE, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the root *Error, if available. Otherwise returns EINTERNAL.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err: the *Error's text, or a
// generic sentence for anything else.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Error()
	}
	return "An internal error occurred: " + err.Error()
}
