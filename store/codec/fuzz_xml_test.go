package codec

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"parley/model"
)

var xmlPlace = regexp.MustCompile(`^f\.xml:\d+:\d+( \(/.*\))?$`)

// FuzzXML: whatever the bytes, reading them as KTAB XML never panics or
// hangs, never resolves an entity or an external reference, and either
// refuses them at a line and column with a rule, or returns a valid scenario
// within the limits.
func FuzzXML(f *testing.F) {
	f.Add([]byte(xmlGood))
	for _, c := range badCases {
		if strings.HasSuffix(c.file, ".xml") {
			f.Add([]byte(c.data))
		}
	}
	f.Add([]byte(strings.Repeat("<a>", 40) + strings.Repeat("</a>", 40)))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Scenario><name>&lol2;</name></Scenario>`))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><Scenario><name>&xxe;</name></Scenario>`))
	f.Add([]byte(strings.Replace(xmlGood, "<name>T</name>", "<name><![CDATA[T&<]]></name>", 1)))
	f.Add([]byte(strings.Replace(xmlGood, "<dName>A</dName>", "<dName>A</dName><dName>B</dName>", 1)))
	f.Add([]byte("<Scenario>\n<Actors>\n" + strings.Repeat("<Actor/>\n", 300) + "</Actors>\n</Scenario>\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := ReadAs("f.xml", data, KTABXML)
		if err != nil {
			var e *model.Error
			if !errors.As(err, &e) || e.Rule == "" || !xmlPlace.MatchString(e.Where) {
				t.Fatalf("refused without a line, column and rule: %#v", err)
			}
			if res != nil {
				t.Fatal("a result came with the error")
			}
			return
		}
		sc := res.Scenarios[0]
		if errs := model.Validate(sc); errs != nil {
			t.Fatalf("read an invalid scenario: %v", errs)
		}
		if len(sc.Actors) > model.MaxActors || len(sc.Issues) > model.MaxIssues {
			t.Fatalf("read %d actors × %d issues, beyond the limits", len(sc.Actors), len(sc.Issues))
		}
		for _, a := range sc.Actors {
			if strings.Contains(a.Name, "root:") || strings.Contains(a.Notes, "root:") {
				t.Fatal("an external entity was resolved")
			}
		}
	})
}
