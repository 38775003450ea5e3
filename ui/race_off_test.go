//go:build !race

package ui

// slowdown scales the time limits of tests that time a cancel (see race_on_test.go).
const slowdown = 1
