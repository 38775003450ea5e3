// Command report reads `go test -bench` output on stdin and prints one line
// per budget with its figure (make bench). It exits 1 when a budget has no
// figure (its benchmark is missing or failed); a figure over its budget is
// reported, not fatal, since figures vary with the machine's load.
package main

import (
	"fmt"
	"os"

	"parley/internal/budgets"
)

func main() {
	if missing := budgets.Report(os.Stdout, budgets.Parse(os.Stdin)); len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "no benchmark figure for: %v\n", missing)
		os.Exit(1)
	}
}
