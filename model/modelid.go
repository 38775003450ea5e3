package model

import "fmt"

// ModelID names one forecasting model, once, for every place that shows,
// stores or scores it: the forecast table, the CLI's JSON keys, decks, the
// track record and the verdicts. Its value is the stable key ("bdm",
// "weighted_mean"); Label is what an analyst reads.
type ModelID string

// The models Parley ships. The keys are the CLI's and the backtest's JSON keys.
const (
	ModelBDM            ModelID = "bdm"             // Bueno de Mesquita's expected-utility model, one issue at a time
	ModelSMP            ModelID = "smp"             // KTAB's spatial model of politics run per issue (in a scenario: all issues together)
	ModelSMPJoint       ModelID = "smp_joint"       // KTAB's SMP run on a whole proposal's issues at once (backtest)
	ModelWeightedMean   ModelID = "weighted_mean"   // capability × salience weighted mean ("compromise model")
	ModelWeightedMedian ModelID = "weighted_median" // capability × salience lower weighted median
	ModelNash           ModelID = "nash"            // asymmetric Nash bargaining against the status quo
	ModelExchange       ModelID = "exchange"        // Stokman & Van Oosten's exchange model
	ModelRecommended    ModelID = "recommended"     // the track record's fitted combination of the others
)

// Models lists every model in the order tables show them.
var Models = []ModelID{ModelBDM, ModelSMP, ModelSMPJoint, ModelExchange, ModelWeightedMedian, ModelWeightedMean, ModelNash, ModelRecommended}

var modelLabels = map[ModelID][2]string{
	ModelBDM:            {"BDM", "BDM"},
	ModelSMP:            {"SMP", "SMP"},
	ModelSMPJoint:       {"SMP (per proposal)", "SMP joint"},
	ModelWeightedMedian: {"Weighted median", "W. median"},
	ModelWeightedMean:   {"Weighted mean", "W. mean"},
	ModelNash:           {"Nash bargaining", "Nash"},
	ModelExchange:       {"Exchange", "Exchange"},
	ModelRecommended:    {"Recommended", "Recommended"},
}

// Label is the model's name as an analyst reads it ("Weighted mean").
func (m ModelID) Label() string {
	if l, ok := modelLabels[m]; ok {
		return l[0]
	}
	return string(m)
}

// Short is the label for a narrow column ("W. mean"); it never hides which
// model it is.
func (m ModelID) Short() string {
	if l, ok := modelLabels[m]; ok {
		return l[1]
	}
	return string(m)
}

// Known reports whether m is one of Models.
func (m ModelID) Known() bool { _, ok := modelLabels[m]; return ok }

// ParseModelID reads a model key or label, case-insensitively ("bdm",
// "BDM", "weighted_mean", "Weighted mean").
func ParseModelID(s string) (ModelID, error) {
	for _, m := range Models {
		if equalFold(s, string(m)) || equalFold(s, m.Label()) || equalFold(s, m.Short()) {
			return m, nil
		}
	}
	return "", Invalid("model", "known model", "unknown model %q", s)
}

// Field names the kind of a number an actor carries: its capability, or its
// position or salience on an issue. Overrides, edits, ranges and sliders all
// use it.
type Field string

// The three kinds of input.
const (
	FieldCapability Field = "capability"
	FieldPosition   Field = "position"
	FieldSalience   Field = "salience"
)

// PerIssue reports whether the field belongs to a stance (position or
// salience) rather than to the actor.
func (f Field) PerIssue() bool { return f == FieldPosition || f == FieldSalience }

// ParseField reads a field name.
func ParseField(s string) (Field, error) {
	switch f := Field(s); f {
	case FieldCapability, FieldPosition, FieldSalience:
		return f, nil
	}
	return "", Invalid("field", "known field", "unknown field %q; use capability, position or salience", s)
}

func (f Field) String() string { return string(f) }

func (m ModelID) String() string { return string(m) }

var _ fmt.Stringer = ModelID("")

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
