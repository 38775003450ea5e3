package backtest

import (
	"math"
	"sort"
)

// FitSimplexLAD fits the recommended combination: weights w ≥ 0 with Σw = 1
// minimising the mean absolute error Σ|x_i·w − y_i| over the given rows of X.
//
// The absolute error is smoothed to √(r² + δ²) and minimised by accelerated
// projected gradient descent (FISTA, step 1/L from the largest eigenvalue of
// XᵀX/n by power iteration, projection onto the simplex by sorting), with δ
// annealed 4 → 1 → 0.25 → 0.05 points so the last stage is the absolute error
// to within a twentieth of a point. It starts from equal weights and uses no
// randomness: the same rows give the same weights.
func FitSimplexLAD(X [][]float64, y []float64, rows []int) []float64 {
	m := len(X[0])
	w := make([]float64, m)
	for j := range w {
		w[j] = 1 / float64(m)
	}
	if len(rows) == 0 {
		return w
	}
	lmax := powerEig(X, rows, m)
	n := float64(len(rows))
	grad := make([]float64, m)
	v := make([]float64, m)
	prev := make([]float64, m)
	for _, delta := range []float64{4, 1, 0.25, 0.05} {
		step := delta / lmax // the smoothed loss has curvature ≤ λmax/δ
		copy(v, w)
		copy(prev, w)
		t := 1.0
		for it := 0; it < 400; it++ {
			for j := range grad {
				grad[j] = 0
			}
			for _, i := range rows {
				r := dot(X[i], v) - y[i]
				g := r / math.Sqrt(r*r+delta*delta) / n
				for j, x := range X[i] {
					grad[j] += g * x
				}
			}
			for j := range w {
				w[j] = v[j] - step*grad[j]
			}
			projectSimplex(w)
			tn := (1 + math.Sqrt(1+4*t*t)) / 2
			for j := range v {
				v[j] = w[j] + (t-1)/tn*(w[j]-prev[j])
			}
			copy(prev, w)
			t = tn
		}
	}
	return w
}

// powerEig estimates the largest eigenvalue of XᵀX/n over rows.
func powerEig(X [][]float64, rows []int, m int) float64 {
	b := make([]float64, m)
	for j := range b {
		b[j] = 1
	}
	nb := make([]float64, m)
	var lambda float64
	for it := 0; it < 50; it++ {
		for j := range nb {
			nb[j] = 0
		}
		for _, i := range rows {
			s := dot(X[i], b)
			for j, x := range X[i] {
				nb[j] += s * x
			}
		}
		var norm float64
		for j := range nb {
			nb[j] /= float64(len(rows))
			norm += nb[j] * nb[j]
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			return 1
		}
		var bn float64
		for _, x := range b {
			bn += x * x
		}
		lambda = norm / math.Sqrt(bn)
		for j := range b {
			b[j] = nb[j] / norm
		}
	}
	return lambda * 1.01
}

// projectSimplex replaces w by its Euclidean projection onto {w ≥ 0, Σw = 1}.
func projectSimplex(w []float64) {
	u := append([]float64(nil), w...)
	sort.Sort(sort.Reverse(sort.Float64Slice(u)))
	var cum, theta float64
	for k, x := range u {
		cum += x
		t := (cum - 1) / float64(k+1)
		if x-t > 0 {
			theta = t
		}
	}
	for j := range w {
		w[j] = math.Max(w[j]-theta, 0)
	}
}
