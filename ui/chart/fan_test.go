package chart

import (
	"testing"

	"parley/model"
)

// A BDM trajectory draws the Monte Carlo fan of its median; a band whose
// low is above its high is refused, never drawn.
func TestTrajectoryFan(t *testing.T) {
	d := TrajectoryData{Title: "t", XLabel: "Round", Names: []string{"A", "B", "C"},
		Rounds: [][]float64{{10, 50, 90}, {20, 50, 80}, {30, 50, 70}},
		Median: []float64{50, 50, 50}, Mean: []float64{50, 50, 50},
		Fan: [][2]float64{{50, 50}, {40, 60}, {35, 65}}}
	with, err := d.Plot(Light())
	if err != nil {
		t.Fatal(err)
	}
	bare := d
	bare.Fan = nil
	without, _ := bare.Plot(Light())
	a, b := Image(with, 640, 400, 96), Image(without, 640, 400, 96)
	differ := 0
	for y := 0; y < 400; y++ {
		for x := 0; x < 640; x++ {
			if a.At(x, y) != b.At(x, y) {
				differ++
			}
		}
	}
	if differ < 2000 {
		t.Fatalf("the fan changes only %d pixels: no band drawn", differ)
	}
	d.Fan[1] = [2]float64{70, 30}
	if _, err := d.Plot(Light()); model.ErrorCode(err) != model.EDEGENERATE {
		t.Fatalf("inverted band: %v", err)
	}
}
