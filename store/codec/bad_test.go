package codec

import (
	"errors"
	"strings"
	"testing"

	"parley/model"
)

// Small good files; each bad case below edits one line of one of them.
const (
	ktabGood = `Test,Test scenario,3,2,
Actor,Description,Power,A Position,A Salience,B Position,B Salience
X1,First,10,20,30,40,50
X2,Second,20,30,40,50,60
X3,Third,30,40,20,60,30
`
	simpleGood = `Actor,Capability,Position,Salience
Alpha,10,20,30
Beta,20,30,40
Gamma,30,40,50
`
	parleyGood = `Parley CSV,1
[scenario]
Name,Date
Test,2026-01-01
[issues]
Key,Name,Status Quo
k,Issue K,50
[actors]
Name,Capability,Capability Low,Capability High
A,10,,
B,20,15,25
[stances]
Actor,Issue,Position,Salience,Position Low,Position High
A,k,10,20,,
B,k,30,40,20,35
`
	jsonGood = `{"format": "parley-scenario", "version": 1, "scenarios": [
{"name": "S", "issues": [{"key": "k", "name": "K", "status_quo": 0}],
 "actors": [
  {"name": "A", "label": "A", "capability": 1, "stances": {"k": {"position": 10, "salience": 20}}},
  {"name": "B", "label": "B", "capability": 2, "stances": {"k": {"position": 30, "salience": 40}}}
 ]}
]}
`
	xmlGood = `<?xml version="1.0" encoding="UTF-8"?>
<Scenario>
  <name>T</name>
  <Dimensions><dName>A</dName></Dimensions>
  <Actors>
    <Actor><name>X1</name><capability>10</capability><Position><dCoord>20</dCoord></Position><Salience><dSal>30</dSal></Salience></Actor>
    <Actor><name>X2</name><capability>20</capability><Position><dCoord>30</dCoord></Position><Salience><dSal>40</dSal></Salience></Actor>
    <Actor><name>X3</name><capability>30</capability><Position><dCoord>40</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>
  </Actors>
</Scenario>
`
)

// edit replaces line n (1-based) of text; "" drops it.
func edit(text string, n int, line string) string {
	ls := strings.Split(text, "\n")
	if line == "" {
		ls = append(ls[:n-1], ls[n:]...)
	} else {
		ls[n-1] = line
	}
	return strings.Join(ls, "\n")
}

type badCase struct {
	name  string // the outcome
	file  string
	data  string
	where string
	rule  string
	code  string // "" = model.EINVALID
}

var badCases = []badCase{
	// KTAB CSV
	{"ErrNegativeCapability", "k.csv", edit(ktabGood, 4, "X2,Second,-20,30,40,50,60"), "k.csv:4:11", model.RuleNonNeg, ""},
	{"ErrCapabilityAbove1e8", "k.csv", edit(ktabGood, 4, "X2,Second,2e8,30,40,50,60"), "k.csv:4:11", model.RuleMaxCap, ""},
	{"ErrSalienceSumAbove100", "k.csv", edit(ktabGood, 4, "X2,Second,20,30,50,50,60"), "k.csv:4:17", RuleSalienceSum, ""},
	{"ErrPositionAbove100", "k.csv", edit(ktabGood, 5, "X3,Third,30,140,20,60,30"), "k.csv:5:13", model.RuleScale, ""},
	{"ErrFewerRowsThanDeclared", "k.csv", edit(ktabGood, 5, ""), "k.csv:1:20", RuleRowCount, ""},
	{"ErrMoreRowsThanDeclared", "k.csv", ktabGood + "X4,Fourth,1,1,1,1,1\n", "k.csv:6:1", RuleRowCount, ""},
	{"ErrTwoActors", "k.csv", edit(edit(ktabGood, 1, "Test,Test scenario,2,2,"), 5, ""), "k.csv:1:20", RuleActorCount, ""},
	{"ErrActorCountNotWhole", "k.csv", edit(ktabGood, 1, "Test,Test scenario,three,2,"), "k.csv:1:20", RuleInteger, ""},
	{"ErrKTABNameTooLong", "k.csv", edit(ktabGood, 3, "An actor name far too long,First,10,20,30,40,50"), "k.csv:3:1", RuleKTABName, ""},
	{"ErrKTABDescriptionTooLong", "k.csv", edit(ktabGood, 3, "X1,"+strings.Repeat("d", 257)+",10,20,30,40,50"), "k.csv:3:4", RuleKTABDesc, ""},
	{"ErrHeaderTooShort", "k.csv", edit(ktabGood, 2, "Actor,Description,Power,A Position,A Salience,B Position"), "k.csv:2:57", RuleFieldCount, ""},
	{"ErrRowTooShort", "k.csv", edit(ktabGood, 4, "X2,Second,20,30,40,50"), "k.csv:4:22", RuleFieldCount, ""},
	{"ErrRowTooLong", "k.csv", edit(ktabGood, 4, "X2,Second,20,30,40,50,60,70"), "k.csv:4:26", RuleFieldCount, ""},
	{"ErrUnknownKTABColumn", "k.csv", edit(ktabGood, 2, "Actor,Description,Weight,A Position,A Salience,B Position,B Salience"), "k.csv:2:19", RuleKnownColumn, ""},
	{"ErrDuplicateKTABActor", "k.csv", edit(ktabGood, 5, "X1,Third,30,40,20,60,30"), "k.csv:5:1", model.RuleUnique, ""},
	{"ErrNotANumber", "k.csv", edit(ktabGood, 3, "X1,First,ten,20,30,40,50"), "k.csv:3:10", RuleNumber, ""},
	{"ErrEmptyPosition", "k.csv", edit(ktabGood, 3, "X1,First,10,,30,40,50"), "k.csv:3:13", model.RuleRequired, ""},
	{"ErrInfiniteSalience", "k.csv", edit(ktabGood, 3, "X1,First,10,20,Inf,40,50"), "k.csv:3:16", model.RuleFinite, ""},
	{"ErrHugeNumber", "k.csv", edit(ktabGood, 3, "X1,First,1e999,20,30,40,50"), "k.csv:3:10", model.RuleFinite, ""},

	// Simple table
	{"ErrNaNCapability", "s.csv", edit(simpleGood, 3, "Beta,NaN,30,40"), "s.csv:3:6", model.RuleFinite, ""},
	{"ErrDuplicateActor", "s.csv", edit(simpleGood, 4, "Alpha,30,40,50"), "s.csv:4:1", model.RuleUnique, ""},
	{"ErrUnknownColumn", "s.csv", edit(simpleGood, 1, "Actor,Capability,Position,Salience,Group"), "s.csv:1:36", RuleKnownColumn, ""},
	{"ErrSalienceAbove100", "s.csv", edit(simpleGood, 4, "Gamma,30,40,150"), "s.csv:4:13", model.RuleScale, ""},
	{"ErrNegativeSalience", "s.csv", edit(simpleGood, 4, "Gamma,30,40,-5"), "s.csv:4:13", model.RuleScale, ""},
	{"ErrTooManyFields", "s.csv", edit(simpleGood, 3, "Beta,20,30,40,99"), "s.csv:3:15", RuleFieldCount, ""},
	{"ErrNotUTF8", "s.csv", edit(simpleGood, 3, "Be\xffta,20,30,40"), "s.csv:3:3", model.RuleUTF8, ""},
	{"ErrUTF16", "s.csv", "\xff\xfeA\x00c\x00", "s.csv:1:1", model.RuleUTF8, ""},
	{"ErrBareQuote", "s.csv", edit(simpleGood, 3, `Beta "B",20,30,40`), "s.csv:3:6", RuleSyntax, ""},
	{"ErrNoActors", "s.csv", "Actor,Capability,Position,Salience\n", "s.csv:1:35", model.RuleRequired, ""},
	{"ErrEmptyName", "s.csv", edit(simpleGood, 3, " ,20,30,40"), "s.csv:3:1", model.RuleRequired, ""},
	{"ErrNameTooLong", "s.csv", edit(simpleGood, 3, strings.Repeat("n", 65)+",20,30,40"), "s.csv:3:1", model.RuleNameLen, ""},
	{"ErrNonUTF8AfterCR", "s.csv", "Actor,Capability,Position,Salience\rA,1,2,3\rB\x80,1,2,3\r", "s.csv:3:2", model.RuleUTF8, ""},

	// Parley CSV
	{"ErrUnknownSection", "p.csv", edit(parleyGood, 8, "[actor]"), "p.csv:8:1", RuleKnownSection, ""},
	{"ErrStanceOfUnknownActor", "p.csv", edit(parleyGood, 15, "C,k,30,40,20,35"), "p.csv:15:1", RuleKnownActor, ""},
	{"ErrStanceOnUnknownIssue", "p.csv", edit(parleyGood, 14, "A,x,10,20,,"), "p.csv:14:3", model.RuleKnownIssue, ""},
	{"ErrDuplicateStance", "p.csv", edit(parleyGood, 15, "A,k,30,40,20,35"), "p.csv:15:1", model.RuleUnique, ""},
	{"ErrHalfRange", "p.csv", edit(parleyGood, 10, "A,10,5,"), "p.csv:10:8", model.RuleRange, ""},
	{"ErrRangeExcludesValue", "p.csv", edit(parleyGood, 15, "B,k,30,40,20,25"), "p.csv:15:11", model.RuleRange, ""},
	{"ErrMissingColumn", "p.csv", edit(parleyGood, 9, "Name,Capability Low,Capability High"), "p.csv:9:1", model.RuleRequired, ""},
	{"ErrStatusQuoAbove100", "p.csv", edit(parleyGood, 7, "k,Issue K,150"), "p.csv:7:11", model.RuleScale, ""},
	{"ErrNewerParleyCSV", "p.csv", edit(parleyGood, 1, "Parley CSV,9"), "p.csv:1:12", RuleVersion, model.EVERSION},
	{"ErrDataBeforeSection", "p.csv", edit(parleyGood, 2, "Test,2026"), "p.csv:2:1", RuleKnownSection, ""},

	// Parley JSON
	{"ErrJSONSalienceAbove100", "j.json", edit(jsonGood, 5, `  {"name": "B", "label": "B", "capability": 2, "stances": {"k": {"position": 30, "salience": 140}}}`), "j.json:5:94", model.RuleScale, ""},
	{"ErrJSONNegativeCapability", "j.json", edit(jsonGood, 4, `  {"name": "A", "label": "A", "capability": -1, "stances": {"k": {"position": 10, "salience": 20}}},`), "j.json:4:45", model.RuleNonNeg, ""},
	{"ErrJSONUnknownField", "j.json", edit(jsonGood, 4, `  {"name": "A", "label": "A", "capabilty": 1, "stances": {"k": {"position": 10, "salience": 20}}},`), "j.json:4:31", RuleKnownField, ""},
	{"ErrJSONDuplicateKey", "j.json", edit(jsonGood, 4, `  {"name": "A", "name": "A", "capability": 1, "stances": {"k": {"position": 10, "salience": 20}}},`), "j.json:4:17", RuleUniqueKey, ""},
	{"ErrJSONTextForNumber", "j.json", edit(jsonGood, 4, `  {"name": "A", "label": "A", "capability": "1", "stances": {"k": {"position": 10, "salience": 20}}},`), "j.json:4:45", RuleValueType, ""},
	{"ErrJSONSyntax", "j.json", edit(jsonGood, 5, `  {"name": "B", "label": "B", "capability": 2 "stances": {}}`), "j.json:5:47", RuleSyntax, ""},
	{"ErrJSONTruncated", "j.json", jsonGood[:60], "j.json:2:2", RuleSyntax, ""},
	{"ErrJSONWhatIfUnknownActor", "j.json", edit(edit(jsonGood, 6, " ]},"), 7, `{"name": "W", "base": "S", "overrides": [{"actor": "Z", "field": "capability", "value": 3}]}`+"\n]}"), "j.json:7:52", RuleKnownActor, ""},
	{"ErrJSONWhatIfOfAnotherBase", "j.json", edit(edit(jsonGood, 6, " ]},"), 7, `{"name": "W", "base": "Q", "overrides": []}`+"\n]}"), "j.json:7:23", RuleWhatIf, ""},
	{"ErrJSONNotParley", "j.json", `{"format": "other"}`, "j.json:1:12", model.RuleRequired, ""},
	{"ErrJSONNewerVersion", "j.json", strings.Replace(jsonGood, `"version": 1`, `"version": 3`, 1), "j.json:1:42", RuleVersion, model.EVERSION},

	{"ErrJSONWhatIfOfItself", "j.json", strings.Replace(jsonGood, `{"name": "S",`, `{"name": "S", "base": "S",`, 1), "j.json:2:23", RuleWhatIf, ""},

	// KTAB XML
	{"ErrXMLNegativeCapability", "x.xml", edit(xmlGood, 7, `    <Actor><name>X2</name><capability>-20</capability><Position><dCoord>30</dCoord></Position><Salience><dSal>40</dSal></Salience></Actor>`), "x.xml:7:27 (/Scenario/Actors/Actor[2]/capability)", model.RuleNonNeg, ""},
	{"ErrXMLUnknownElement", "x.xml", edit(xmlGood, 3, "  <nam>T</nam>"), "x.xml:3:3 (/Scenario/nam)", RuleKnownElement, ""},
	{"ErrXMLSyntax", "x.xml", edit(xmlGood, 7, `    <Actor><name>X2</name><capability>20</capability><Position><dCoord>30</dCoord></Position><Salience><dSal>40</dSal></Salience></Actr>`), "x.xml:7:130", RuleSyntax, ""},
	{"ErrXMLMissingCoordinate", "x.xml", edit(xmlGood, 8, `    <Actor><name>X3</name><capability>30</capability><Position></Position><Salience><dSal>50</dSal></Salience></Actor>`), "x.xml:8:54 (/Scenario/Actors/Actor[3]/Position)", RuleFieldCount, ""},
	{"ErrXMLEmptyCoordinate", "x.xml", edit(xmlGood, 8, `    <Actor><name>X3</name><capability>30</capability><Position><dCoord></dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>`), "x.xml:8:64 (/Scenario/Actors/Actor[3]/Position/dCoord[1])", model.RuleRequired, ""},
	{"ErrXMLDuplicateActor", "x.xml", edit(xmlGood, 8, `    <Actor><name>X1</name><capability>30</capability><Position><dCoord>40</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>`), "x.xml:8:12 (/Scenario/Actors/Actor[3]/name)", model.RuleUnique, ""},
	{"ErrXMLTwoActors", "x.xml", edit(xmlGood, 8, ""), "x.xml:5:3 (/Scenario/Actors)", RuleActorCount, ""},
	{"ErrXMLTruncated", "x.xml", xmlGood[:200], "x.xml:6:74", RuleSyntax, ""},
	{"ErrXMLUnclosed", "x.xml", strings.Replace(xmlGood, "</Scenario>\n", "", 1), "x.xml:10:1", RuleSyntax, ""},
	{"ErrXMLEntityExpansion", "x.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n<!ENTITY lol2 \"&lol;&lol;\">\n]>\n<Scenario>\n  <name>&lol2;</name>\n</Scenario>\n", "x.xml:7:9", RuleSyntax, ""},
	{"ErrXMLExternalEntity", "x.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<Scenario>\n  <name>&xxe;</name>\n</Scenario>\n", "x.xml:4:9", RuleSyntax, ""},
	{"ErrXMLWrongRoot", "x.xml", "<Scenarios/>", "x.xml:1:1 (/Scenarios)", RuleKnownElement, ""},

	// Any file
	{"ErrUnknownFormat", "u.csv", "Name,Colour\nA,red\n", "u.csv:1:1", RuleFormat, ""},
	{"ErrEmptyFile", "e.csv", "", "e.csv:1:1", RuleFormat, ""},
	{"ErrBlankFile", "e.csv", " \n\t\n", "e.csv:1:1", RuleFormat, ""},
	{"ErrNoScenarioSection", "p.csv", "Parley CSV,1\n[issues]\nKey,Name,Status Quo\nk,K,50\n", "p.csv:2:1", model.RuleRequired, ""},
}

func TestBadInputs(t *testing.T) {
	for _, tt := range badCases {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Read(tt.file, []byte(tt.data))
			if res != nil {
				t.Errorf("a result came with the error: %+v", res)
			}
			var e *model.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want a *model.Error", err)
			}
			code := tt.code
			if code == "" {
				code = model.EINVALID
			}
			if e.Where != tt.where || e.Rule != tt.rule || e.Code != code {
				t.Errorf("got  %s [%s]\nwant where %q rule %q code %s", e, e.Code, tt.where, tt.rule, code)
			}
			t.Log(e)
		})
	}
}
