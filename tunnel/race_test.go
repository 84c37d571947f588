//go:build race

package tunnel

// raceEnabled shrinks the bulk test, which the race detector slows tenfold.
const raceEnabled = true
