package model

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// MaxQuote is the most characters of a value a message quotes (issue 18: a
// 15 MiB name once produced a 15.7 MB message and froze the window).
const MaxQuote = 80

// Quote returns v quoted for a message, as %q would, but never more than
// MaxQuote characters of it: a longer value is cut, with an ellipsis and its
// full length ("\"abc…\" (15728640 characters)"). Every message that quotes
// an analyst's value (a name, a cell, a file's text) goes through here.
func Quote(v string) string {
	n := utf8.RuneCountInString(v)
	if n <= MaxQuote {
		return strconv.Quote(v)
	}
	cut, k := v, 0
	for i := range v {
		if k == MaxQuote {
			cut = v[:i]
			break
		}
		k++
	}
	return fmt.Sprintf("%s (%d characters)", strconv.Quote(cut+"…"), n)
}

// Excerpt is a value as a message may quote it: fmt's %v prints Quote(v).
type Excerpt string

// String returns the value quoted and cut (Quote).
func (e Excerpt) String() string { return Quote(string(e)) }
