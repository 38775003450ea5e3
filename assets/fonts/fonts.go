// Package fonts holds the type faces Parley ships for the scripts its fonts
// from the toolchain lack: Arabic script (Persian, Arabic, Urdu) and CJK.
// Charts draw every string through these (after Liberation Sans for Latin,
// Greek and Cyrillic), so an export looks the same on every machine; the
// window falls back to them on systems whose fonts lack those scripts.
//
//   - NotoSansArabic-Regular.ttf, NotoSansArabic-Bold.ttf: Noto Sans Arabic
//     (Debian fonts-noto-core 20201225), SIL Open Font License 1.1, OFL.txt.
//   - DroidSansFallbackFull.ttf: Droid Sans Fallback (Debian
//     fonts-droid-fallback 6.0.1r16), Apache License 2.0,
//     LICENSE-Apache-2.0.txt. Chinese (simplified and traditional) and
//     Japanese kana and kanji in 4 MB: the smallest face found that covers
//     the CJK Unified Ideographs (Noto Sans CJK is 16-20 MB a weight). It
//     has one weight (bold CJK text is set in it too) and no Hangul: Korean
//     draws as boxes unless a later face is added.
package fonts

import _ "embed"

// ArabicRegular is Noto Sans Arabic Regular.
//
//go:embed NotoSansArabic-Regular.ttf
var ArabicRegular []byte

// ArabicBold is Noto Sans Arabic Bold.
//
//go:embed NotoSansArabic-Bold.ttf
var ArabicBold []byte

// CJK is Droid Sans Fallback (regular only).
//
//go:embed DroidSansFallbackFull.ttf
var CJK []byte

// Files names each shipped face by its file name, for writing them out where
// a font scanner looks (see ui's theme).
var Files = map[string][]byte{
	"NotoSansArabic-Regular.ttf": ArabicRegular,
	"NotoSansArabic-Bold.ttf":    ArabicBold,
	"DroidSansFallbackFull.ttf":  CJK,
}
