// Package model is Parley's domain: scenarios of actors who take positions on
// issues, how much each actor cares (salience) and how much clout each has
// (capability), validation of that data, undoable edits, and the one error type
// every layer uses. Its sub-packages hold the forecasting engines (bdm, smp,
// baseline, power). It imports nothing of Parley's and no fyne, sql or plot.
package model
