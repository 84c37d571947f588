package ingress

import (
	"flag"
	"testing"

	"go.uber.org/goleak"
)

// Every goroutine Run and Serve start must have ended once the tests that
// started them return; a leak fails the package. Three goroutines belong to
// libraries and outlive any one ingress by design: certmagic keeps one rate
// limiter per CA and account for the life of the process, wakes a lock
// file's refresher every 5 s to notice the lock is gone, and Pebble (the
// test CA) never stops its validation worker.
func TestMain(m *testing.M) {
	flag.Parse()
	// The end-to-end tests spend their time waiting on the CA and DNS, not
	// on the CPU: run them all at once rather than GOMAXPROCS at a time.
	parallelSet := false
	flag.Visit(func(f *flag.Flag) { parallelSet = parallelSet || f.Name == "test.parallel" })
	if !parallelSet {
		flag.Set("test.parallel", "8")
	}
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("github.com/caddyserver/certmagic.(*RingBufferRateLimiter).permit"),
		goleak.IgnoreAnyFunction("github.com/caddyserver/certmagic.keepLockfileFresh"),
		goleak.IgnoreTopFunction("github.com/letsencrypt/pebble/v2/va.VAImpl.processTasks"),
	)
}
