package smp

import "parley/model"

// FromSettings returns the options a scenario's SMP settings choose (KTAB's
// defaults where a setting is empty). model.Validate has already refused
// names that are not KTAB's; such a name would leave the default.
func FromSettings(s model.SMPSettings) Options {
	var o Options
	if v, err := ParseVictoryProbModel(s.Get(model.SMPVictoryProb)); err == nil {
		o.VictoryProb = v
	}
	if v, err := ParsePCEModel(s.Get(model.SMPPCE)); err == nil {
		o.PCE = v
	}
	if v, err := ParseVotingRule(s.Get(model.SMPVotingRule)); err == nil {
		o.VotingRule = v
	}
	if v, err := ParseBigRRange(s.Get(model.SMPBigRRange)); err == nil {
		o.BigRRange = v
	}
	if v, err := ParseBigRAdjust(s.Get(model.SMPBigRAdjust)); err == nil {
		o.BigRAdjust = v
	}
	if v, err := ParseThirdPartyCommit(s.Get(model.SMPThirdParty)); err == nil {
		o.ThirdParty = v
	}
	return o
}
