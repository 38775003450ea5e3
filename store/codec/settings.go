package codec

import (
	"strconv"
	"strings"

	"parley/model"
)

// The settings beyond BDM, blocs, quota and spread that Parley CSV's
// [scenario] row and the workbook's scenario sheet carry: the Monte Carlo's
// draws and seed (0 = the default) and the SMP's six options by KTAB name
// (empty = KTAB's default).

// moreSettings reads the Draws, Seed and SMP option cells of a scenario row.
func moreSettings(st *model.Settings, t *table, r row) error {
	for _, f := range []struct {
		field string
		dst   func(int64)
	}{
		{"settings.draws", func(n int64) { st.Draws = int(n) }},
		{"settings.seed", func(n int64) { st.Seed = n }},
	} {
		c := t.get(r, f.field)
		if c.text == "" {
			continue
		}
		n, err := strconv.ParseInt(c.text, 10, 64)
		if !isWholeNumber(c.text) || err != nil || n < 0 {
			return model.Invalid(c.where.String(), RuleInteger, "%s %s is not a whole number ≥ 0", strings.TrimPrefix(f.field, "settings."), quoteName(c.text))
		}
		f.dst(n)
	}
	for _, o := range model.SMPOptions {
		c := t.get(r, "settings.smp."+o.Field)
		if c.text == "" {
			continue
		}
		st.SMP.Set(o, c.text)
		if err := st.SMP.Check(); err != nil {
			return placed(c.where, err)
		}
	}
	return nil
}

// moreSettingsCells writes them in the column order of parleySections.
func moreSettingsCells(st model.Settings) []string {
	out := []string{strconv.Itoa(st.Draws), strconv.FormatInt(st.Seed, 10)}
	for _, o := range model.SMPOptions {
		v := ""
		if st.SMP.Get(o) != o.Choices[0].Name {
			v = st.SMP.Get(o)
		}
		out = append(out, v)
	}
	return out
}
