//go:build race

package forecast

// slowdown scales the time limits of tests that time a cancel: the race
// detector makes the models 5-20 times slower.
const slowdown = 15
