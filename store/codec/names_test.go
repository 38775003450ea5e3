package codec

import (
	"strings"
	"testing"

	"parley/model"
)

// A file naming an actor with a terminal escape, or two actors whose names
// differ only in case or Unicode form, is refused with the line, column and
// rule.
func TestNamesRefusedWithPlace(t *testing.T) {
	for _, c := range []struct{ name, data, where, rule string }{
		{"escape", "Actor,Capability,Position,Salience\nOman,1,10,50\n\"Iran\x1b[31m\",2,20,50\nUSA,3,30,50\n", "t.csv:3:1", model.RuleNoControl},
		{"case", "Actor,Capability,Position,Salience\nOman,1,10,50\nIran,2,20,50\nOMAN,3,30,50\n", "t.csv:4:1", model.RuleLookAlike},
		{"nfc", "Actor,Capability,Position,Salience\nT\u00fcrkiye,1,10,50\nIran,2,20,50\nTu\u0308rkiye,3,30,50\n", "t.csv:4:1", model.RuleLookAlike},
	} {
		_, err := Read("t.csv", []byte(c.data))
		msg := model.ErrorMessage(err)
		if !strings.HasPrefix(msg, c.where+":") || !strings.Contains(msg, "(rule: "+c.rule+")") {
			t.Errorf("%s: got %q, want a refusal at %s, rule %q", c.name, msg, c.where, c.rule)
		}
	}
}
