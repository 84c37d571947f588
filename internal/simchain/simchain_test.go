package simchain

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"
)

// The chain answers over HTTP and IPC, mines on its own, keeps its clock
// near the wall clock and moves it on request; nothing it started
// outlives the test.
func TestChain(t *testing.T) {
	defer func() {
		if err := Leaks(); err != nil {
			t.Error(err)
		}
	}()
	for range 3 {
		t.Run("chain", func(t *testing.T) {
			c := Start(t, 1)
			ctx := context.Background()
			for _, ep := range []string{c.URL, c.IPC} {
				cl, err := ethclient.DialContext(ctx, ep)
				if err != nil {
					t.Fatal(err)
				}
				id, err := cl.ChainID(ctx)
				cl.Close()
				if err != nil || id.Int64() != ChainID {
					t.Fatalf("%s: chain id %v, %v", ep, id, err)
				}
			}
			// A transaction is mined on its own, and the chain's clock
			// runs no further ahead of the wall clock than its block.
			nonce, err := c.Client.PendingNonceAt(ctx, c.Address(0))
			if err != nil {
				t.Fatal(err)
			}
			to := c.Address(0)
			tx, err := types.SignNewTx(c.Keys[0], types.LatestSignerForChainID(big.NewInt(ChainID)),
				&types.LegacyTx{Nonce: nonce, To: &to, Value: big.NewInt(1), Gas: 21000, GasPrice: big.NewInt(params.GWei)})
			if err == nil {
				err = c.Client.SendTransaction(ctx, tx)
			}
			c.Mined(t, tx, err)
			if head, wall := c.Now(t).Unix(), time.Now().Unix(); head > wall+1 {
				t.Errorf("chain time %d is more than a second ahead of the wall clock (%d) after one block", head, wall)
			}
			// An idle chain still mines, once the wall clock passes its head.
			n0, _ := c.Client.BlockNumber(ctx)
			for n1 := n0; n1 == n0; n1, _ = c.Client.BlockNumber(ctx) {
				time.Sleep(10 * BlockEvery)
			}
			before := c.Now(t)
			if err := c.AdjustTime(time.Hour); err != nil {
				t.Fatal(err)
			}
			if after := c.Now(t); after.Sub(before) < time.Hour {
				t.Errorf("clock moved %s, want at least 1h", after.Sub(before))
			}
		})
	}
}
