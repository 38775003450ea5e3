//go:build !race

package codec

import "time"

// refuseWithin is the time a limit has to refuse a hostile file (see race_on_test.go).
const refuseWithin = time.Second
