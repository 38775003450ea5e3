package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Variant is a theme forced to light or dark whatever the system says, so the
// analyst's choice (menu or --theme) holds on every machine.
type Variant struct {
	fyne.Theme
	V fyne.ThemeVariant
}

// ForcedTheme returns the default Fyne theme pinned to v. Text its font
// lacks (Persian, Chinese) falls back to the fonts Parley ships where the
// system has none (see FallbackFonts).
func ForcedTheme(v fyne.ThemeVariant) *Variant {
	FallbackFonts()
	return &Variant{Theme: theme.DefaultTheme(), V: v}
}

// Color answers with the pinned variant.
func (t *Variant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.V)
}

func currentVariant() fyne.ThemeVariant {
	a := fyne.CurrentApp()
	if a == nil {
		return theme.VariantLight
	}
	if t, ok := a.Settings().Theme().(*Variant); ok {
		return t.V
	}
	return a.Settings().ThemeVariant()
}
