package chart

import (
	"image"

	"gonum.org/v1/plot/vg/draw"

	"parley/model"
)

// PageImage draws page k (0 = the title page) into an image of the
// briefing's size: what presentation mode shows full screen.
func (b *Briefing) PageImage(k int) (image.Image, error) {
	if k < 0 || k >= len(b.pages) {
		return nil, model.Errorf(model.EINVALID, "the briefing has %d pages, not %d", len(b.pages), k+1)
	}
	t := newTarget(PNG, b.size, b.dpi)
	b.drawPage(draw.New(t.canvas), k)
	return t.img.Image(), nil
}
