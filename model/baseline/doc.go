// Package baseline holds the simple forecasts every engine is measured against,
// computed per issue from the actors' positions, capabilities and saliences:
//
//   - the compromise, the weighted mean Σ w_i x_i / Σ w_i with w_i = c_i·s_i
//     (Achen 2006 found it as accurate as the elaborate models on EU data);
//   - the weighted median (lower, and upper when the cumulative weight hits
//     exactly half), which is the Condorcet winner among the positions;
//   - the asymmetric Nash bargaining solution against an explicit status quo q.
//
// Nash bargaining. The outcome x* maximises Σ_i b_i·log(u_i(x) − u_i(q)) over
// the x that every actor strictly prefers to the status quo, u_i(x) > u_i(q),
// with bargaining weights b_i = c_i·s_i (or b_i = c_i, as in the published
// emissions checks) and utility u_i(x) = −|x − x_i| (linear) or −(x − x_i)²
// (quadratic). Because both utilities fall with distance, actor i prefers x to
// q exactly when |x − x_i| < |q − x_i|, so the feasible set is the open
// interval (max_i(x_i − d_i), min_i(x_i + d_i)) with d_i = |q − x_i|. It is
// empty when an actor's ideal equals q (d_i = 0) or when q lies strictly
// between actors (one side would have to lose): the answer is then "no
// agreement beats the status quo", reported as an EINFEASIBLE error (Nash) or
// a nil value with a reason (Compute), never as a number.
//
// The search runs over [min x_i, max x_i] intersected with that interval (the
// optimum never lies outside the actors' range: moving towards it helps
// everybody). Each log(u_i(x) − u_i(q)) is the log of a positive concave
// function, so the objective is strictly concave on the feasible interval and
// the default search bisects the whole interval on the sign of the
// objective's derivative, down to the last bits of a float64 (a golden-section
// search on objective values would stall about √ε away, where the objective
// is flat to rounding); about 60 derivative evaluations, no logarithms. With
// NashOptions.GridStep set (PublishedGridStep = 1e-4 searches the way the
// published checks were made) a grid finds the best point and the same
// bisection refines it between its neighbours; the answer is the same number.
// The grid is also the fallback when the objective is not finite at the
// bisection's answer (an actor with zero weight binding the interval). On the emissions case
// (b = c) the optima are 5.465347 and 9.801980 (linear, q = 0 and 14; closed
// forms .69·8/1.01 and 9.9/1.01) and 5.475700 and 9.027357 (quadratic), which
// print as the published 5.4653, 9.802, 5.4757 and 9.0274. With q = 0 and 14
// outside the actors' years 4-10 the feasible sets are (0, 8) and (6, 14):
// Netherlands, Luxembourg, Germany and Denmark at 4 cap the first (no later
// than 8), France, Italy and the UK at 10 floor the second (no earlier than 6).
//
// Every actor constrains the feasible set, including one whose bargaining
// weight is zero: the contract asks u_i(x) > u_i(q) for all i.
package baseline
