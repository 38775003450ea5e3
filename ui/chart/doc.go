// Package chart builds Parley's charts with gonum/plot: model results and
// scenarios in, *plot.Plot out. It imports no fyne, so the same chart draws in
// the window, exports to PNG, SVG and PDF, and feeds the CLI.
package chart
