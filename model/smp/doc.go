// Package smp is KTAB's spatial model of politics (KAPSARC Toolkit for
// Behavioral Analysis v1.4, examples/smp): actors bargain over several issues at
// once, turn by turn, until their positions settle.
//
// Each actor has a capability (clout), a position on every issue (0-100) and a
// salience for every issue (0-100, at most 100 in all: the share of its
// attention). Inside the model positions and saliences are divided by 100.
//
// One turn (MODELS.md §2):
//
//   - Distance from i to j is the salience-weighted Euclidean distance with i's
//     saliences; utility is u(d, R) = (1−d)(1+d·R), curved by the risk attitude R.
//   - Risk attitudes come from a probabilistic Condorcet election (PCE) over
//     the actors' positions, voters weighted by capability only: the actor whose
//     position is likeliest to win is the most risk averse (R = +1), the least
//     likely the most risk seeking (R = −0.5). Actor h estimates i's attitude as
//     (2R_h + R_i)/3.
//   - Every actor i looks for the target j that gives it the largest expected
//     gain from a challenge, counting the principals and the third parties who
//     would side with either, and proposes a bargain: on each issue a weighted
//     average of the two positions, weights salience²·probability².
//   - Each actor's queue holds its status quo and every bargain it initiated or
//     received; a PCE over the queue, each actor valuing the state a bargain
//     leads to, picks the first most likely bargain, and all actors move at once.
//   - The run stops after turn 2 once a turn moves the actors less than 2 % of
//     what the first turn moved them, or at turn 100.
//
// The reported probability of an actor is that of its position in a PCE over
// the distinct positions. KTAB gives no single forecast; Result.Forecast is the
// weighted median and mean of the final positions, weight capability × salience.
//
// Run follows KTAB's arithmetic operation by operation and reproduces KTAB's
// published log of dummyData_3Dim (every position, probability, risk attitude,
// target, bargain and choice of every turn). Where KTAB would divide 0 by 0,
// Run either refuses the input (model.Degenerate) or, for risk attitudes when
// every position is equally likely, treats everyone as risk neutral.
package smp
