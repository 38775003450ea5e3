package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newErrorDialog is the window's error dialog. Fyne's own (dialog.NewError)
// capitalises the message's first letter, which turns the file name a
// message starts with into another name ("bad_table.csv:3:5" shown as
// "Bad_table.csv:3:5"); this one shows the message as written.
func newErrorDialog(msg string, win fyne.Window) dialog.Dialog {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	icon := widget.NewIcon(theme.ErrorIcon())
	body := container.NewBorder(nil, nil, container.NewVBox(icon), nil, l)
	d := dialog.NewCustom("Error", "OK", body, win)
	d.Resize(fyne.NewSize(520, 0))
	return d
}
