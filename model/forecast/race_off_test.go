//go:build !race

package forecast

// slowdown scales the time limits of tests that time a cancel (see race_on_test.go).
const slowdown = 1
