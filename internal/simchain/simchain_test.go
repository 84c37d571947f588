package simchain

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
)

// The chain answers over HTTP and IPC, mines on its own and moves its
// clock on request; nothing it started outlives the test.
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
			n0, _ := c.Client.BlockNumber(ctx)
			time.Sleep(10 * BlockEvery)
			if n1, _ := c.Client.BlockNumber(ctx); n1 <= n0 {
				t.Errorf("no blocks mined: %d then %d", n0, n1)
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
