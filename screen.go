package main

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// screenSize is the primary screen's size in Fyne units, or zero when it
// cannot be read. Call it after the first window is created (Fyne has
// initialised GLFW by then) and from main's goroutine (GLFW's thread).
func screenSize(a fyne.App) (s fyne.Size) {
	defer func() {
		if recover() != nil {
			s = fyne.Size{}
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}
	}
	mode := m.GetVideoMode()
	if mode == nil {
		return fyne.Size{}
	}
	scale := a.Settings().Scale()
	if scale < 1 {
		scale = 1
	}
	return fyne.NewSize(float32(mode.Width)/scale, float32(mode.Height)/scale)
}
