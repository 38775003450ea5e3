package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// The window never resizes itself: a desktop window grows to its content's
// minimum size, so every part whose minimum can exceed a 1366×768 laptop
// screen (a tab's toolbar, the briefing's slide, a label that a Monte Carlo
// run fills) scrolls inside its pane instead of pushing the window.

// fitTab puts a tab's content in a scroll container (both directions): the
// tab shows everything when the pane is large enough and scrolls when it is
// not, and its minimum size no longer reaches the window.
func fitTab(it *container.TabItem) *container.TabItem {
	if sc, ok := it.Content.(*container.Scroll); !ok || sc.Direction != container.ScrollBoth {
		it.Content = container.NewScroll(it.Content)
	}
	return it
}

// LaptopSize is the default window size where the screen is unknown: it
// fits a 1366×768 screen with a task bar and the window's title bar.
var LaptopSize = fyne.NewSize(1300, 700)

// roomySize is the largest default: on a big screen the window opens at
// this size, not the whole screen.
var roomySize = fyne.NewSize(1600, 960)

// WindowSize is the size to open the window at: the remembered size (zero
// when none; else the screen less its bars, at most roomySize), clamped to
// the screen (zero when unknown) less room for the title and task bars,
// never below 800×500.
func WindowSize(remembered, screen fyne.Size) fyne.Size {
	s := remembered
	known := screen.Width > 0 && screen.Height > 0
	room := fyne.NewSize(screen.Width-40, screen.Height-70)
	if s.Width <= 0 || s.Height <= 0 {
		s = LaptopSize
		if known {
			s = roomySize
		}
	}
	if known {
		s = s.Min(room)
	}
	return s.Max(fyne.NewSize(800, 500))
}
