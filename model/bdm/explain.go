package bdm

import (
	"fmt"
	"math"
	"strconv"
)

// Explain says in one short sentence what the move was, for an analyst:
// "Luxembourg lost a confrontation with Belgium and moved from 4.0 to 7.0",
// "Belgium compromised with France, moving from 7.0 to 8.4",
// "Ireland gave in to Luxembourg and moved from 7.0 to 4.0".
// names are the actors' names in input order; a missing name reads "actor N".
// Positions get one decimal, or as many more (up to 6) as it takes for each
// to read within 0.02 of its value and for From and To to read differently.
func (m Move) Explain(names []string) string {
	who, whom := actorName(names, m.Mover), actorName(names, m.Counterpart)
	from, to := formatPair(m.From, m.To)
	switch m.Kind {
	case Confrontation:
		return fmt.Sprintf("%s lost a confrontation with %s and moved from %s to %s", who, whom, from, to)
	case Compromise:
		return fmt.Sprintf("%s compromised with %s, moving from %s to %s", who, whom, from, to)
	case Capitulation:
		return fmt.Sprintf("%s gave in to %s and moved from %s to %s", who, whom, from, to)
	}
	return fmt.Sprintf("%s moved from %s to %s (%s with %s)", who, from, to, m.Kind, whom)
}

func actorName(names []string, i int) string {
	if i >= 0 && i < len(names) && names[i] != "" {
		return names[i]
	}
	return "actor " + strconv.Itoa(i+1)
}

func formatPair(a, b float64) (string, string) {
	close := func(s string, v float64) bool {
		p, err := strconv.ParseFloat(s, 64)
		return err == nil && math.Abs(p-v) <= 0.02
	}
	for d := 1; ; d++ {
		sa, sb := strconv.FormatFloat(a, 'f', d, 64), strconv.FormatFloat(b, 'f', d, 64)
		if (sa != sb && close(sa, a) && close(sb, b)) || d == 6 {
			return sa, sb
		}
	}
}
