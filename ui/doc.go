// Package ui is Parley's desktop interface, built with Fyne: one file per
// screen, small constructors returning containers. It reaches stored
// scenarios only through model.Repository and draws every chart with
// ui/chart. It never creates the fyne.App itself (main.go does), so tests can
// drive it headlessly with fyne.io/fyne/v2/test.
package ui
