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

// A huge name is refused with a message that quotes a short excerpt of it
// (a 15 MiB name once produced a 15.7 MB message that froze the window).
func TestHugeNameMessageIsShort(t *testing.T) {
	huge := strings.Repeat("Oman", 1<<19) // 2 MiB
	for _, f := range []struct{ name, data string }{
		{"t.csv", "Actor,Capability,Position,Salience\n" + huge + ",1,10,50\nIran,2,20,50\nUSA,3,30,50\n"},
		{"t.json", `{"format": "` + model.FileFormat + `", "version": 1, "scenarios": [{"name": "` + huge + `", "issues": [], "actors": []}]}`},
	} {
		_, err := Read(f.name, []byte(f.data))
		if err == nil {
			t.Fatalf("%s: a 2 MiB name was accepted", f.name)
		}
		if msg := model.ErrorMessage(err); len(msg) > 600 || !strings.Contains(msg, "characters") {
			t.Errorf("%s: a message of %d bytes: %.300s", f.name, len(msg), msg)
		}
	}
}
