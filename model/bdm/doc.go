// Package bdm is Bueno de Mesquita's expected-utility model of negotiation, in
// the "SC" variant: the behaviour of Scholz, Calbert & Smith's (2011) own code,
// which reproduces their Table 2, not the equations as printed in the paper.
// The contract is MODELS.md §1.
//
// The model works on one issue at a time. Each actor has a position on the
// issue, a capability (clout) and a salience (how much it cares, 0-100). Every
// round, each actor weighs challenging every other actor: how likely it is to
// win a contest (the capability- and salience-weighted votes of all actors),
// what it stands to gain or lose, and how risk-taking it is (actors whose
// position is insecure take more risks). From that it expects, against each
// rival, a confrontation (it loses and adopts the rival's position), a
// compromise (it moves part of the way) or a capitulation (it gives in). It
// takes the best offer in that order of preference, all actors move at once,
// and the forecast is the weighted median of the final positions.
//
// The SC oddities are deliberate, and commented where the code carries them:
// one global vote normaliser per pass (so P(a→b)+P(b→a) ≠ 1), the challenged
// actor's salience as the probability it resists, the mover's own risk
// exponent when it estimates its rival's gain, and compromises ranked by a
// weighted position rather than by distance.
//
// Run returns the whole trajectory, because the model can cycle (the emissions
// case has a period of about 5 rounds), and every move with the pair of
// expected utilities that caused it, so that an analyst can see why.
// RoundIntermediates exposes one round's internal quantities.
package bdm
