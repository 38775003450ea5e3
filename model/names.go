package model

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Name rules beyond length (issue 18): a name holds no control character
// (they reached `show` output as terminal escapes and broke SVG exports),
// and two names that differ only in Unicode normalisation or in case are the
// same name ("Türkiye" typed two ways, "OMAN" and "Oman").
const (
	RuleNoControl = "no control characters"
	RuleLookAlike = "unique name (ignoring case and Unicode form)"
)

// checkNameChars refuses a name holding a control character (C0, DEL, C1)
// or an invisible bidirectional or format control, naming the first one and
// where it sits.
func checkNameChars(where, name string) error {
	k := 0
	for _, r := range name {
		k++
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return Invalid(where, RuleNoControl, "the name %s has the control character U+%04X at character %d; names are plain text", Quote(name), r, k)
		}
	}
	return nil
}

// NameKey is what two names must share to be the same name: NFC-normalised,
// case-folded, spaces around trimmed.
func NameKey(name string) string {
	return strings.ToLower(norm.NFC.String(strings.TrimSpace(name)))
}

// sameName is the message for a name that is another's look-alike.
func sameName(where, kind, name, other string) error {
	if name == other {
		return Invalid(where, RuleUnique, "another %s is already called %s", kind, Quote(name))
	}
	return Invalid(where, RuleLookAlike, "%s looks the same as the %s %s (they differ only in case or Unicode form); use one name", Quote(name), kind, Quote(other))
}
