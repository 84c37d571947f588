package ingress

import (
	"testing"

	"go.uber.org/goleak"

	"github.com/devproof/devproof/internal/parallel"
)

// Every goroutine Run and Serve start must have ended once the tests that
// started them return; a leak fails the package. Three goroutines belong to
// libraries and outlive any one ingress by design: certmagic keeps one rate
// limiter per CA and account for the life of the process, wakes a lock
// file's refresher every 5 s to notice the lock is gone, and Pebble (the
// test CA) never stops its validation worker.
func TestMain(m *testing.M) {
	parallel.AtLeast(8) // the end-to-end tests wait on the CA and DNS, not the CPU
	goleak.VerifyTestMain(m,
		goleak.IgnoreTopFunction("github.com/caddyserver/certmagic.(*RingBufferRateLimiter).permit"),
		goleak.IgnoreAnyFunction("github.com/caddyserver/certmagic.keepLockfileFresh"),
		goleak.IgnoreTopFunction("github.com/letsencrypt/pebble/v2/va.VAImpl.processTasks"),
	)
}
