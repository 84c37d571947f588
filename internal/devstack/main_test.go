package devstack

import (
	"os"
	"testing"

	"github.com/devproof/devproof/internal/parallel"
)

// Each test runs a whole dev stack, mostly waiting on its local services.
func TestMain(m *testing.M) {
	parallel.AtLeast(4)
	os.Exit(m.Run())
}
