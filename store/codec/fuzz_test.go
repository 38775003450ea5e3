package codec

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"parley/model"
)

var fuzzNames = []string{"f.csv", "f.json", "f.xml", "f"}

// FuzzRead: whatever the bytes, Read never panics and either refuses them with
// a located *model.Error, or returns valid scenarios that write and read back
// in JSON and in their own format (JSON and Parley CSV identically).
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(inputsDir, "*"))
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(uint8(0), data)
		}
	}
	for _, c := range badCases {
		f.Add(uint8(0), []byte(c.data))
	}
	for _, d := range []string{ktabGood, simpleGood, parleyGood, jsonGood, xmlGood, decideGood} {
		f.Add(uint8(3), []byte(d))
	}
	// Cases found by thinking about the property: empty lists that writing
	// omits, and a CR from an XML character reference.
	f.Add(uint8(1), []byte(`{"format": "parley-scenario", "version": 1, "scenarios": [{"name": "S", "overrides": [], "issues": [{"key": "k", "name": "K", "status_quo": 0, "anchors": []}], "actors": []}]}`))
	f.Add(uint8(2), []byte(strings.Replace(xmlGood, "<name>X1</name>", "<name>X&#13;1</name><description>a&#13;&#10;b</description>", 1)))
	base, whatIfs := handBuilt()
	for _, fm := range Formats {
		var b bytes.Buffer
		if _, err := Write(&b, fm, base, whatIfs...); err == nil {
			f.Add(uint8(1), b.Bytes())
		}
	}
	f.Fuzz(func(t *testing.T, pick uint8, data []byte) {
		name := fuzzNames[int(pick)%len(fuzzNames)]
		res, err := Read(name, data)
		if err != nil {
			var e *model.Error
			if !errors.As(err, &e) || e.Where == "" || e.Rule == "" {
				t.Fatalf("error without a place or rule: %#v", err)
			}
			if res != nil {
				t.Fatalf("a result came with the error %v", err)
			}
			return
		}
		if res == nil || len(res.Scenarios) == 0 {
			t.Fatal("no error and no scenario")
		}
		for _, sc := range res.Scenarios {
			if errs := model.Validate(sc); errs != nil {
				t.Fatalf("read an invalid scenario: %v", errs)
			}
		}
		check := func(fm Format, same bool) {
			var b bytes.Buffer
			if _, err := Write(&b, fm, res.Scenarios[0], res.Scenarios[1:]...); err != nil {
				t.Fatalf("write %s: %v", fm, err)
			}
			back, err := Read("back"+fm.Ext(), b.Bytes())
			if err != nil {
				t.Fatalf("read back %s: %v\n%s", fm, err, b.Bytes())
			}
			if back.Format != fm {
				t.Fatalf("wrote %s, read back as %s", fm, back.Format)
			}
			if same && !reflect.DeepEqual(back.Scenarios, res.Scenarios) {
				t.Fatalf("%s round trip differs:\n got %#v\nwant %#v", fm, back.Scenarios[0], res.Scenarios[0])
			}
		}
		check(JSON, true)
		if res.Format != JSON {
			if res.Format != Decide { // Decide is read, never written
				check(res.Format, res.Format == CSV || res.Format == XLSX)
			}
			// Text read from CSV, XML or a workbook is trimmed and free of
			// CRs, so Parley CSV carries it unchanged (what-ifs aside).
			if len(res.Scenarios) == 1 {
				check(CSV, true)
			}
		}
	})
}

// FuzzWrite: every scenario that passes model.Validate writes in every format
// (or is refused with a *model.Error) and reads back in the same format; JSON
// and Parley CSV give back exactly what was written.
func FuzzWrite(f *testing.F) {
	f.Add("Muscat 2026", "Türkiye", "Enrichment level", "“quoted”, with commas", 12.5, 40.0, 60.0)
	f.Add("<x", "{y", "Parley CSV", "a\nb", 0.0, 0.0, 100.0)
	f.Add("Parley CSV", "Actor", "Position", "", 1e8, 100.0, 0.0)
	f.Add("a,b", "c\"d", "[issues]", "[x]", 3.0, 0.5, 0.25)
	f.Fuzz(func(t *testing.T, name, actor, issue, text string, cap, pos, sal float64) {
		// Names are stored trimmed and without carriage returns: the CSV
		// formats trim fields and end lines at a CR, so only such text can
		// travel through them unchanged.
		clean := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r", "")) }
		name, actor, issue, text = clean(name), clean(actor), clean(issue), clean(text)
		sc := &model.Scenario{Name: name, Description: text, Notes: text,
			Issues: []model.Issue{{Key: "k", Name: issue, Description: text, StatusQuo: pos, Rationale: text,
				Anchors: []model.Anchor{{At: pos, Label: text}}}},
		}
		for i, n := range []string{actor, actor + " 2", "Third"} {
			sc.Actors = append(sc.Actors, model.Actor{Name: n, Capability: cap * float64(i+1), Notes: text, Source: text,
				Stances: map[string]model.Stance{"k": {Position: pos, Salience: sal, Rationale: text,
					PositionRange: &model.Range{Low: pos, High: pos}}}})
		}
		if model.Validate(sc) != nil || actor+" 2" == "Third" {
			return
		}
		for _, fm := range Formats {
			var b bytes.Buffer
			if _, err := Write(&b, fm, sc); err != nil {
				var e *model.Error
				if !errors.As(err, &e) {
					t.Fatalf("write %s: %v", fm, err)
				}
				continue
			}
			back, err := Read("back"+fm.Ext(), b.Bytes())
			if err != nil {
				t.Fatalf("read back %s: %v\n%s", fm, err, b.Bytes())
			}
			if back.Format != fm || len(back.Scenarios[0].Actors) != 3 || len(back.Scenarios[0].Issues) != 1 {
				t.Fatalf("wrote %s with 3 actors, read back %s with %d", fm, back.Format, len(back.Scenarios[0].Actors))
			}
			if (fm == JSON || fm == CSV || fm == XLSX) && !reflect.DeepEqual(back.Scenarios[0], sc) {
				t.Fatalf("%s round trip differs:\n got %#v\nwant %#v", fm, back.Scenarios[0], sc)
			}
		}
	})
}
