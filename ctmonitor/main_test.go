package ctmonitor

import (
	"testing"

	"go.uber.org/goleak"
)

// Every goroutine a log client or the monitor starts must have ended once
// the test that started it returns, local logs included.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
