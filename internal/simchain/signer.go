package simchain

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/devproof/devproof/internal/teesim"
	"github.com/devproof/devproof/notary"
)

// Signer makes the notary's signer inside a simulated app whose app id is
// appID, as on dstack, where the app id is its AppAuth's address.
func Signer(t testing.TB, seed string, appID common.Address) (*notary.Signer, *teesim.Simulator) {
	t.Helper()
	sim, err := teesim.New(teesim.Config{Seed: []byte(seed), AppID: appID.Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	return SignerOf(t, sim), sim
}

// SignerOf serves sim's guest-agent API on a unix socket until the test
// ends and makes the notary's signer through it.
func SignerOf(t testing.TB, sim *teesim.Simulator) *notary.Signer {
	t.Helper()
	agent, stop, err := sim.Start(filepath.Join(t.TempDir(), "dstack.sock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	s, err := notary.NewSigner(context.Background(), agent)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
