package simchain

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"
	"go.uber.org/goleak"
)

// ChainID is the simulated backend's chain id.
const ChainID = 1337

// BlockEvery is how often the chain mines a block while transactions are
// pending. Block times must grow, so each such block can put the chain's
// clock a second further ahead of the wall clock. An idle chain mines an
// empty block only once the wall clock has passed its head's time, so its
// clock never runs ahead on its own and falls back in step with the wall
// clock, as a real chain's does.
const BlockEvery = 20 * time.Millisecond

// Chain is a running simulated chain.
type Chain struct {
	// URL is the HTTP JSON-RPC endpoint, IPC the socket path.
	URL, IPC string
	// Client talks to the chain in process.
	Client simulated.Client
	// Keys hold 100 ether each.
	Keys []*ecdsa.PrivateKey

	adjust chan adjustment
}

type adjustment struct {
	d    time.Duration
	done chan error
}

// Start starts a chain with n funded keys, mined as BlockEvery says until
// the test ends; the miner has stopped and the node is closed when the
// test's cleanup returns.
func Start(t testing.TB, n int) *Chain {
	t.Helper()
	c := &Chain{adjust: make(chan adjustment)}
	alloc := types.GenesisAlloc{}
	for range n {
		k, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		c.Keys = append(c.Keys, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))}
	}
	// A short directory: socket paths are limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "simchain")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	c.IPC = filepath.Join(dir, "geth.ipc")

	var backend *simulated.Backend
	for attempt := 0; backend == nil; attempt++ {
		port := freePort(t)
		backend, err = newBackend(alloc, c.IPC, port)
		if err != nil && attempt == 2 {
			t.Fatal(err)
		}
		c.URL = fmt.Sprintf("http://127.0.0.1:%d", port)
	}
	c.Client = backend.Client()
	pool, err := rpc.Dial(c.IPC)
	if err != nil {
		backend.Close()
		t.Fatal(err)
	}

	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		defer pool.Close()
		tick := time.NewTicker(BlockEvery)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if due(c.Client, pool) {
					backend.Commit()
				}
			case a := <-c.adjust:
				// AdjustTime needs an empty pool: mine what is pending
				// first, then wait for the pool to see the new head.
				backend.Commit()
				err := backend.AdjustTime(a.d)
				for i := 0; err != nil && strings.Contains(err.Error(), "non-empty block") && i < 500; i++ {
					time.Sleep(10 * time.Millisecond)
					err = backend.AdjustTime(a.d)
				}
				a.done <- err
			}
		}
	}()
	t.Cleanup(func() {
		close(stop)
		<-done
		backend.Close()
	})
	return c
}

// due says whether the miner should seal a block now: transactions are
// pending, or the wall clock has passed the head's time.
func due(cl simulated.Client, ipc *rpc.Client) bool {
	ctx := context.Background()
	h, err := cl.HeaderByNumber(ctx, nil)
	if err != nil || time.Now().Unix() > int64(h.Time) {
		return true
	}
	// The pool itself (over IPC, which serves txpool_): the "pending"
	// block may not show a transaction yet.
	var pool struct{ Pending hexutil.Uint }
	return ipc.CallContext(ctx, &pool, "txpool_status") != nil || pool.Pending > 0
}

// newBackend starts the node, or fails when its port was taken meanwhile.
func newBackend(alloc types.GenesisAlloc, ipc string, port int) (b *simulated.Backend, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("starting the simulated chain on port %d: %v", port, p)
		}
	}()
	return simulated.NewBackend(alloc, func(nc *node.Config, _ *ethconfig.Config) {
		nc.HTTPHost, nc.HTTPPort = "127.0.0.1", port
		nc.HTTPModules = []string{"eth", "net", "web3"}
		nc.IPCPath = ipc
	}), nil
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// Leaks reports goroutines left running, once every chain has been
// closed. go-ethereum's transaction-sender cache is started once per
// process and is not counted; its in-memory databases end their last
// goroutine up to a second after Close, so Leaks waits that long.
func Leaks() error {
	var err error
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if err = goleak.Find(goleak.IgnoreTopFunction("github.com/ethereum/go-ethereum/core.(*txSenderCacher).cache")); err == nil {
			return nil
		}
	}
	return err
}

// AdjustTime moves the chain's clock d ahead, in a block of its own.
func (c *Chain) AdjustTime(d time.Duration) error {
	a := adjustment{d: d, done: make(chan error, 1)}
	c.adjust <- a
	return <-a.done
}

// Address is key i's address.
func (c *Chain) Address(i int) common.Address { return crypto.PubkeyToAddress(c.Keys[i].PublicKey) }

// Auth signs transactions with key i.
func (c *Chain) Auth(t testing.TB, i int) *bind.TransactOpts {
	t.Helper()
	a, err := bind.NewKeyedTransactorWithChainID(c.Keys[i], big.NewInt(ChainID))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// Mined waits for tx's receipt and requires success.
func (c *Chain) Mined(t testing.TB, tx *types.Transaction, err error) *types.Receipt {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for {
		r, err := c.Client.TransactionReceipt(ctx, tx.Hash())
		if err == nil {
			if r.Status != types.ReceiptStatusSuccessful {
				t.Fatalf("transaction %s failed", tx.Hash())
			}
			return r
		}
		select {
		case <-ctx.Done():
			t.Fatalf("transaction %s not mined: %v", tx.Hash(), err)
		case <-time.After(BlockEvery):
		}
	}
}

// Now is the time of the chain's head block.
func (c *Chain) Now(t testing.TB) time.Time {
	t.Helper()
	h, err := c.Client.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return time.Unix(int64(h.Time), 0).UTC()
}

// Main runs a package's tests, then fails them if they passed but left a
// chain's goroutines behind (Leaks). Call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if err := Leaks(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}
