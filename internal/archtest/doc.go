// Package archtest checks that the README's "What is where" table is true:
// every package of the module imports only what its row says it may. It has
// only tests; `make test` runs them.
package archtest
