package codec

// CSV injection (issue 18). A spreadsheet opening a CSV file takes a cell
// that starts with =, +, -, @ (or a tab or carriage return before one) for a
// formula: an actor called =HYPERLINK("http://…","x") would export as a live
// link. The CSV writers (Parley CSV, simple table, KTAB CSV) therefore write
// every text cell that starts with one of those characters with a single
// quote in front ('=1+1), the usual rule (OWASP "CSV injection"): the
// spreadsheet shows the text. Numbers are written as numbers (a negative
// position stays -5, not text).
//
// The readers strip the quote the writer added, so a round trip gives the
// value back unchanged. To keep that exact, a text that itself starts with a
// quote followed by one of those characters (or by another quote) gets one
// more quote, and a reader strips one leading quote only in that case: a
// hand-written 'Hooft keeps its quote, '=1+1 reads back as =1+1.

// formulaStart reports whether a cell starting with c is taken for a formula.
func formulaStart(c byte) bool {
	switch c {
	case '=', '+', '-', '@', '\t', '\r':
		return true
	}
	return false
}

// escaped reports whether s starts with a quote the writer added.
func escaped(s string) bool {
	return len(s) >= 2 && s[0] == '\'' && (formulaStart(s[1]) || s[1] == '\'')
}

// escapeCell returns text s as a CSV text cell a spreadsheet shows as text.
func escapeCell(s string) string {
	if s != "" && formulaStart(s[0]) || escaped(s) {
		return "'" + s
	}
	return s
}

// unescapeCell undoes escapeCell on a cell read back.
func unescapeCell(s string) string {
	if escaped(s) {
		return s[1:]
	}
	return s
}
