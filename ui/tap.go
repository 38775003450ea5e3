package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// tapArea wraps a canvas object and reports taps with their position and
// the object's size, so a chart can find the point under the pointer.
type tapArea struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func(pos fyne.Position, size fyne.Size)
}

func newTapArea(content fyne.CanvasObject, onTap func(fyne.Position, fyne.Size)) *tapArea {
	t := &tapArea{content: content, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped reports the tap.
func (t *tapArea) Tapped(e *fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap(e.Position, t.Size())
	}
}

// CreateRenderer shows the wrapped object.
func (t *tapArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.content)
}
