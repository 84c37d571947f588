package deploy

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/simchain"
)

func connected(t *testing.T, c *simchain.Chain, timeout time.Duration) *run {
	t.Helper()
	r := &run{cfg: Config{RPC: c.URL, Key: c.Keys[0], Timeout: timeout}, from: c.Address(0), rep: &Report{}}
	if err := r.connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(r.client.Close)
	return r
}

// A transaction mined but failed is named with the revert its replay
// gives, since receipts carry none. Gas is set here so that the node
// cannot refuse it at estimation, as it would in a normal run.
func TestSendNamesAFailedReceipt(t *testing.T) {
	c := simchain.Start(t, 1)
	ctx := context.Background()
	r := connected(t, c, 30*time.Second)
	_, tx, app, err := bindings.DeployDevproofAppAuth(c.Auth(t, 0), c.Client, c.Address(0), 3600, false, true, [32]byte{}, [32]byte{})
	c.Mined(t, tx, err)
	tx, err = app.ProposeComposeHash(c.Auth(t, 0), [32]byte{1})
	c.Mined(t, tx, err)

	_, err = r.send(ctx, "activate change 0", func(o *bind.TransactOpts) (*types.Transaction, error) {
		o.GasLimit = 200_000
		return app.Activate(o, big.NewInt(0))
	})
	if err == nil || !strings.Contains(err.Error(), "activate change 0: transaction ") || !strings.Contains(err.Error(), "reverted with NotYetEffective(0, ") {
		t.Fatalf("error %v", err)
	}
	st := r.rep.Steps[0]
	if st.Status != Failed || st.Tx == nil || st.Block == 0 || r.rep.Failed != "activate change 0" {
		t.Errorf("step %+v", st)
	}
	if !r.rep.Transacted() {
		t.Error("a mined transaction does not count as sent")
	}
}

// A transaction that is never mined ends the wait at the timeout; the
// report keeps its hash and, for a creation, where the contract would be.
func TestSendTimesOut(t *testing.T) {
	c := simchain.Start(t, 1)
	ctx := context.Background()
	r := connected(t, c, 500*time.Millisecond)
	n, err := c.Client.PendingNonceAt(ctx, c.Address(0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.send(ctx, "deploy DevproofAppAuth", func(o *bind.TransactOpts) (*types.Transaction, error) {
		o.Nonce = new(big.Int).SetUint64(n + 5) // a gap: it waits in the pool forever
		_, tx, _, err := bindings.DeployDevproofAppAuth(o, r.client, c.Address(0), 3600, false, true, [32]byte{}, [32]byte{})
		return tx, err
	})
	want := crypto.CreateAddress(c.Address(0), n+5)
	if err == nil || !strings.Contains(err.Error(), "no receipt for tx ") || !strings.Contains(err.Error(), "within 500ms (--timeout)") || !strings.Contains(err.Error(), "once mined, the contract is at "+want.Hex()) {
		t.Fatalf("error %v", err)
	}
	st := r.rep.Steps[0]
	if st.Status != Sent || st.Tx == nil || st.Address == nil || *st.Address != want {
		t.Errorf("step %+v", st)
	}
}

func TestRedactURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8545":                 "http://127.0.0.1:8545",
		"https://mainnet.example.com/v3/SECRET": "https://mainnet.example.com/…",
		"wss://u:p@node.example.com":            "wss://node.example.com/…",
		"https://node.example.com/?key=SECRET":  "https://node.example.com/…",
		"/run/geth.ipc":                         "/run/geth.ipc",
	} {
		if got := redactURL(in); got != want {
			t.Errorf("redactURL(%q) = %q, want %q", in, got, want)
		}
	}
}
