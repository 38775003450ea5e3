// Package exchange is Stokman and Van Oosten's exchange model (1994) with the
// equal-gain solution, exactly as ../shared/docs/EXCHANGE.md §1-§7 specifies
// it (the rules of foarsitter/decide-exchange-model @ 51dee66, re-derived, no
// code copied): actors trade across issues, each conceding on the issue it
// cares about less in return for a move of its partner on the issue it cares
// about more, so that both gain the same.
//
// One round: the expected outcome of every issue is the capability × salience
// weighted mean of the policy positions (§3.1); every pair of issues and every
// pair of actors on opposite sides of both outcomes is a candidate exchange
// (§3.3), oriented so the actor for whom p matters more relative to q gets its
// way on p (§3.4) and sized by the equal-gain rate, the party that can go all
// the way doing so (§3.5), never pushing an outcome past the partner's
// position (§3.7). The candidate with the highest gain is executed, the rest
// are recomputed (§3.9), until none is left. Voting positions are the policy
// positions overwritten by the executed exchanges; each supplier then adopts
// part of its concession, w = 0.1 + 0.4·(1 − s) (§3.10). Rounds: 10 by
// default, no convergence test (§3.11).
//
// Choices, where the spec leaves room or float64 needs a rule:
//
//   - float64 with ε = 1e-9 on the 0-100 scale: left of the outcome is
//     x ≤ O + ε; move bounds and Σ moves get ε; in the crossing check a
//     distance below ε is zero, and an outcome already on the partner's
//     position may not be pushed past it (§7 T2-T4, M3).
//   - Ties (§3.8 M1): every candidate within 1e-9 of the highest gain is tied;
//     the earliest created wins. The reference tool breaks exact ties at
//     random; this package is deterministic.
//   - Variant B (the default) keeps the executed move in a side's moves
//     history; variant A keeps the candidate's stale move, as the Python code
//     does (§3.9 step 1, §6).
//   - Stances with salience 0 or capability 0 take no part in exchanges (the
//     reference code would divide by zero) but count in the outcomes, with
//     weight 0.
//   - The forecast is the voting outcome after the last round: the outcome the
//     actors vote for once every trade of that round is made. With one round it
//     is the 1994 model's answer. The preference outcome (the policy positions
//     at the start of each round) is kept beside it in every Round.
//
// Degenerate input (fewer than two issues, fewer than two actors with stances
// on two issues, an issue nobody weighs) is a model.Degenerate error, never a
// NaN.
package exchange
