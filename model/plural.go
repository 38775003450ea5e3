package model

import "strconv"

// Count writes a number with its noun in the right number: "1 issue",
// "0 issues", "12 actors". Nouns whose plural is not noun+"s" use Plural.
// Every count an analyst reads goes through here.
func Count(n int, noun string) string { return Plural(n, noun, noun+"s") }

// Plural is Count for a noun with its own plural ("1 analysis", "2 analyses").
func Plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}
