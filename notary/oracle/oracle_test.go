package oracle_test

import (
	"context"
	"log/slog"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/internal/syncbuf"
	"github.com/devproof/devproof/notary"
	"github.com/devproof/devproof/notary/oracle"
)

// The oracle keeps the markets created from FromBlock on, reading logs in
// bounded ranges and never the same block twice, at most MaxMarkets of
// them, and forgets each once the chain's time passes its closing.
func TestOracleKeepsOpenMarkets(t *testing.T) {
	w := newWorld(t)
	c := w.chain
	R := time.Unix(c.Now(t).Unix()+3600, 0)
	var blocks []uint64
	for _, name := range []string{"m1", "m2", "m3", "m4"} {
		m := notary.Market{SourceURL: w.src.url("prices", "/live"), Pointer: "/price", Comparator: ">", Threshold: "1", ResolveAfter: R, Window: 60}
		tx, err := w.market.Create(c.Auth(t, 0), notary.MarketID(name), contracts.Terms(m))
		blocks = append(blocks, c.Mined(t, tx, err).BlockNumber.Uint64())
	}
	node := &countingNode{Backend: w.rpc()}
	var logs syncbuf.Buffer
	svc := &notary.Service{Client: &notary.Client{}, Signer: w.signer}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o, err := oracle.New(ctx, oracle.Config{Backend: node, Market: w.marketAddr, Service: svc, FromBlock: blocks[1], BlockRange: 1, MaxMarkets: 2,
		Poll: 20 * time.Millisecond, Log: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- o.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()

	eventually(t, "the fourth market refused", func() bool {
		return strings.Contains(logs.String(), "market skipped: the oracle already keeps its bound of markets")
	})
	for name, want := range map[string]bool{"m1": false, "m2": true, "m3": true, "m4": false} {
		if _, ok := o.Market(notary.MarketID(name)); ok != want {
			t.Errorf("market %s kept: %v, want %v", name, ok, want)
		}
	}
	ranges := node.ranges()
	if len(ranges) == 0 || ranges[0][0] != blocks[1] {
		t.Fatalf("log queries %v, want the first from block %d", ranges, blocks[1])
	}
	for i, r := range ranges {
		if r[1] != r[0] || (i > 0 && r[0] != ranges[i-1][1]+1) {
			t.Errorf("log query %d covers blocks %d-%d after %v: not one block, or not the next", i, r[0], r[1], ranges[:i])
		}
	}
	if _, ok := svc.Markets.Market(notary.MarketID("m2")); !ok || svc.ClockCheck == nil || svc.Domain.VerifyingContract != w.marketAddr || svc.Domain.ChainID.Int64() != 1337 {
		t.Errorf("the service is not wired to the oracle: domain %+v", svc.Domain)
	}

	if err := c.AdjustTime(R.Add(time.Minute + challenge + time.Minute).Sub(c.Now(t))); err != nil {
		t.Fatal(err)
	}
	eventually(t, "closed markets forgotten", func() bool {
		_, ok2 := o.Market(notary.MarketID("m2"))
		_, ok3 := o.Market(notary.MarketID("m3"))
		return !ok2 && !ok3
	})
}

// New refuses what is not a PredictionMarket on the node's chain, a
// service signing for another domain, and a service already wired.
func TestNewRefuses(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	node := w.rpc()
	for _, tc := range []struct {
		name   string
		market common.Address
		svc    *notary.Service
		want   string
	}{
		{"no contract", common.HexToAddress("0x1234"), &notary.Service{}, "no contract there on chain 1337"},
		{"not a market", w.appID, &notary.Service{}, "does not answer challengePeriod(), so is not a PredictionMarket"},
		{"another chain", w.marketAddr, &notary.Service{Domain: notary.Domain{ChainID: big.NewInt(1), VerifyingContract: w.marketAddr}}, "the notary signs for chain 1 and contract " + w.marketAddr.Hex()},
		{"another contract", w.marketAddr, &notary.Service{Domain: notary.Domain{ChainID: big.NewInt(1337), VerifyingContract: w.appID}}, "but the market is " + w.marketAddr.Hex()},
		{"a book already", w.marketAddr, &notary.Service{Markets: notary.FixedBook{}}, "already has a market book"},
	} {
		_, err := oracle.New(ctx, oracle.Config{Backend: node, Market: tc.market, Service: tc.svc})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}

// countingNode records the block ranges of log queries.
type countingNode struct {
	oracle.Backend
	mu sync.Mutex
	rs [][2]uint64
}

func (n *countingNode) FilterLogs(ctx context.Context, q ethereum.FilterQuery) ([]types.Log, error) {
	n.mu.Lock()
	n.rs = append(n.rs, [2]uint64{q.FromBlock.Uint64(), q.ToBlock.Uint64()})
	n.mu.Unlock()
	return n.Backend.FilterLogs(ctx, q)
}

func (n *countingNode) ranges() [][2]uint64 {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([][2]uint64(nil), n.rs...)
}
