package codec

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"parley/model"
)

// A Parley JSON file whose stance has a null or missing position (or
// salience, or an actor without capability) is refused at that place: it
// used to read as 0.
func TestJSONNullOrMissingNumberRefused(t *testing.T) {
	var b bytes.Buffer
	sc := formulaScenario()
	sc.Name, sc.Actors = "Null test", sc.Actors[4:]
	if _, err := Write(&b, JSON, sc); err != nil {
		t.Fatal(err)
	}
	good := b.String()
	if _, err := Read("ok.json", []byte(good)); err != nil {
		t.Fatalf("the file as written: %v", err)
	}
	first := strings.Index(good, `"position": 40`)
	if first < 0 {
		t.Fatalf("no position 40 in\n%s", good)
	}
	line := strings.Count(good[:first], "\n") + 1
	for _, c := range []struct{ name, from, to, want string }{
		{"null position", `"position": 40`, `"position": null`, "is null"},
		{"missing position", `"position": 40,`, ``, `no "position"`},
		{"missing capability", `"capability": 14,`, ``, `no "capability"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			bad := strings.Replace(good, c.from, c.to, 1)
			if bad == good {
				t.Fatalf("%q not in the file", c.from)
			}
			_, err := Read("bad.json", []byte(bad))
			msg := model.ErrorMessage(err)
			if model.ErrorCode(err) != model.EINVALID || !strings.Contains(msg, c.want) || !strings.Contains(msg, "bad.json:") {
				t.Fatalf("got %v, want a refusal saying %q with its place", err, c.want)
			}
			if c.name == "null position" && !strings.Contains(msg, "bad.json:"+strconv.Itoa(line)+":") {
				t.Errorf("%q does not point at line %d", msg, line)
			}
		})
	}
}
