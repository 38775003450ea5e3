package codec

import (
	"reflect"

	"parley/model"
)

// limit refuses the i-th (0-based) element of a JSON list of et once the list
// holds more issues or actors than model's limits allow, at that element,
// before the rest of the file is read.
func (w *jsonWalker) limit(et reflect.Type, i int) error {
	for et != nil && et.Kind() == reflect.Pointer {
		et = et.Elem()
	}
	var max int
	var rule, what string
	switch et {
	case reflect.TypeFor[model.Issue]():
		max, rule, what = model.MaxIssues, model.RuleMaxIssues, "issues"
	case reflect.TypeFor[model.Actor]():
		max, rule, what = model.MaxActors, model.RuleMaxActors, "actors"
	default:
		return nil
	}
	if i < max {
		return nil
	}
	return model.Invalid(w.src.at(w.skip(int(w.dec.InputOffset()))), rule, "more than %s %s; Parley handles at most %s", model.Thousands(max), what, model.Thousands(max))
}

// CheckSize refuses a file of n bytes above MaxFileSize before it is read
// (callers that stat a file first: a 5 GB file is never loaded into memory).
func CheckSize(name string, n int64) error {
	if n > MaxFileSize {
		return model.Invalid(name+":1:1", RuleFileSize, "the file is %.1f MiB; Parley reads scenario files up to %d MiB", float64(n)/(1<<20), MaxFileSize>>20)
	}
	return nil
}
