package model

import "testing"

func TestCount(t *testing.T) {
	for _, tt := range []struct {
		n          int
		noun, want string
	}{{1, "issue", "1 issue"}, {0, "issue", "0 issues"}, {2, "row", "2 rows"}, {12, "actor", "12 actors"}} {
		if got := Count(tt.n, tt.noun); got != tt.want {
			t.Errorf("Count(%d, %q) = %q, want %q", tt.n, tt.noun, got, tt.want)
		}
	}
	if got := Plural(1, "analysis", "analyses"); got != "1 analysis" {
		t.Errorf("Plural(1) = %q", got)
	}
	if got := Plural(3, "analysis", "analyses"); got != "3 analyses" {
		t.Errorf("Plural(3) = %q", got)
	}
}
