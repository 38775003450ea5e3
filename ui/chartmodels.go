package ui

import "parley/model"

// chartModelLabels are the labels of the models a chart can show
// (model.ChartModels), as the pickers of the stance map and the deck
// editor offer them.
func chartModelLabels() []string {
	out := make([]string, len(model.ChartModels))
	for k, m := range model.ChartModels {
		out[k] = m.Label()
	}
	return out
}

// chartModel is the chart model a picker's label names: BDM when it names
// none of them (nothing picked yet).
func chartModel(label string) model.ModelID {
	for _, m := range model.ChartModels {
		if m.Label() == label {
			return m
		}
	}
	return model.ModelBDM
}

// chartModelLabel is the picker label of chart model m ("" is BDM's).
func chartModelLabel(m model.ModelID) string {
	if m == "" {
		m = model.ModelBDM
	}
	return m.Label()
}
