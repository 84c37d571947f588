package contracts_test

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/deploy/contracts"
)

// The code hash the registry pins on chain is the one the artifacts give.
func TestRuntimeCodeHash(t *testing.T) {
	c := newChain(t)
	_, addr := deployApp(t, c, time.Hour, composeA)
	code, err := c.client.CodeAt(context.Background(), addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	want, err := contracts.RuntimeCodeHash("DevproofAppAuth")
	if err != nil {
		t.Fatal(err)
	}
	if got := crypto.Keccak256Hash(code); got != want {
		t.Errorf("deployed code hash %s, artifact says %s", got, want)
	}
	if _, err := contracts.RuntimeCodeHash("Nope"); err == nil {
		t.Error("a contract without an artifact has a code hash")
	}
}
