//go:build race

package codec

import "time"

// refuseWithin is the time a limit has to refuse a hostile file: 1 s, ten
// times that under the race detector, which slows the XML tokeniser about
// tenfold.
const refuseWithin = 10 * time.Second
