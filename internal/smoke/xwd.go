package smoke

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"math/bits"
)

// decodeXWD decodes the TrueColor ZPixmap dumps that `xwd -root` writes for
// a 24-bit Xvfb screen (24 or 32 bits per pixel).
func decodeXWD(b []byte) (image.Image, error) {
	if len(b) < 100 {
		return nil, fmt.Errorf("xwd: %d bytes is too short for a header", len(b))
	}
	h := func(i int) uint32 { return binary.BigEndian.Uint32(b[4*i:]) }
	headerSize, format, width, height := h(0), h(2), int(h(4)), int(h(5))
	byteOrder, bpp, bpl := h(7), h(11), int(h(12))
	rmask, gmask, bmask := h(14), h(15), h(16)
	ncolors := int(h(19))
	if format != 2 || (bpp != 32 && bpp != 24) {
		return nil, fmt.Errorf("xwd: format %d with %d bits per pixel is not supported", format, bpp)
	}
	off := int(headerSize) + 12*ncolors
	if off+bpl*height > len(b) {
		return nil, fmt.Errorf("xwd: truncated pixel data")
	}
	bypp := int(bpp / 8)
	shift := func(m uint32) int { return bits.TrailingZeros32(m) }
	rs, gs, bs := shift(rmask), shift(gmask), shift(bmask)
	img := image.NewNRGBA(image.Rect(0, 0, width, height))
	for y := 0; y < height; y++ {
		row := b[off+y*bpl:]
		for x := 0; x < width; x++ {
			var p uint32
			px := row[x*bypp : x*bypp+bypp]
			for k := range bypp {
				if byteOrder == 0 { // LSBFirst
					p |= uint32(px[k]) << (8 * k)
				} else {
					p = p<<8 | uint32(px[k])
				}
			}
			img.SetNRGBA(x, y, color.NRGBA{uint8((p & rmask) >> rs), uint8((p & gmask) >> gs), uint8((p & bmask) >> bs), 0xff})
		}
	}
	return img, nil
}
