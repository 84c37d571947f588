package devstack

import (
	"context"
	"crypto/ecdsa"
	"crypto/x509"
	"fmt"
	"math/big"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/teesim"
)

// PolicyDelay is the dev app's pending period. Real deployments use days;
// here the simulated chain's clock is moved on instead of waiting, and the
// wall clock catches up while the other services start.
const PolicyDelay = 15 * time.Second

const simChainID = 1337 // go-ethereum's simulated backend

// devChain is the simulated chain with the app's policy on it: dstack's KMS
// (a stand-in) and the app's DevproofAppAuth, whose address is the app id.
type devChain struct {
	backend *simulated.Backend
	client  simulated.Client
	// keys[0] is the developer's, keys[1] and keys[2] bettors'; the KMS is
	// deployed by keys[2], not by the developer.
	keys    []*ecdsa.PrivateKey
	kms     common.Address
	appAuth common.Address
	// effective is the chain time at which the dev compose hash was
	// activated.
	effective time.Time
	// rpc is the chain's HTTP JSON-RPC endpoint on 127.0.0.1.
	rpc string
}

func (c *devChain) auth(i int, value *big.Int) *bind.TransactOpts {
	a, _ := bind.NewKeyedTransactorWithChainID(c.keys[i], big.NewInt(simChainID))
	a.Value = value
	return a
}

// mined commits the block and requires the transaction to have succeeded.
func (c *devChain) mined(ctx context.Context, what string, tx *types.Transaction, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w (%s)", what, err, contracts.Revert(err))
	}
	c.backend.Commit()
	r, err := c.client.TransactionReceipt(ctx, tx.Hash())
	if err != nil || r.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("%s: transaction failed (%v)", what, err)
	}
	return nil
}

// adjustTime moves the chain's clock d ahead. The pool drops a mined
// transaction only when it sees the new head, a moment after Commit, and
// AdjustTime refuses while the pool lists any: wait that moment out.
func adjustTime(b *simulated.Backend, d time.Duration) error {
	for deadline := time.Now().Add(5 * time.Second); ; {
		err := b.AdjustTime(d)
		if err == nil || !strings.Contains(err.Error(), "non-empty block") || time.Now().After(deadline) {
			return err
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// rpcPort is the chain's JSON-RPC port: four above the ingress's, or a
// free one when it has none fixed.
func rpcPort(httpsPort int) (int, error) {
	if httpsPort != 0 && httpsPort < 65531 {
		return httpsPort + 4, nil
	}
	return freeLoopbackPort(0)
}

// newBackend starts the simulated chain serving HTTP JSON-RPC (eth, net,
// web3) on 127.0.0.1:port; go-ethereum panics when the port is taken.
func newBackend(alloc types.GenesisAlloc, port int) (b *simulated.Backend, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("chain JSON-RPC port %d: %v (pick another --https-port: the chain takes the port four above it)", port, p)
		}
	}()
	return simulated.NewBackend(alloc, func(nc *node.Config, _ *ethconfig.Config) {
		nc.HTTPHost, nc.HTTPPort = "127.0.0.1", port
		nc.HTTPModules = []string{"eth", "net", "web3"}
		nc.IPCPath = ""
	}), nil
}

// startChain starts the chain, serving JSON-RPC on rpcPort(httpsPort),
// and puts the app's policy on it: the KMS, the DevproofAppAuth, and
// compose through the pending period.
func startChain(ctx context.Context, compose []byte, httpsPort int, stops *[]func()) (*devChain, error) {
	c := &devChain{}
	alloc := types.GenesisAlloc{}
	for i := 0; i < 3; i++ {
		k, err := crypto.GenerateKey()
		if err != nil {
			return nil, err
		}
		c.keys = append(c.keys, k)
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Mul(big.NewInt(100), big.NewInt(params.Ether))}
	}
	// A free port may be taken before the node binds it: pick again.
	for attempt := 0; c.backend == nil; attempt++ {
		port, err := rpcPort(httpsPort)
		if err != nil {
			return nil, err
		}
		c.backend, err = newBackend(alloc, port)
		if err != nil && (httpsPort != 0 || attempt == 2) {
			return nil, err
		}
		c.rpc = "http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	}
	*stops = append(*stops, func() { c.backend.Close() })
	c.client = c.backend.Client()

	kms, tx, kmsc, err := bindings.DeployDevKms(c.auth(2, nil), c.client)
	if err := c.mined(ctx, "deploying the KMS stand-in", tx, err); err != nil {
		return nil, err
	}
	c.kms = kms
	tx, err = kmsc.AddOsImageHash(c.auth(2, nil), teesim.OSImageHash)
	if err := c.mined(ctx, "allowing the simulator's OS image", tx, err); err != nil {
		return nil, err
	}
	dev := crypto.PubkeyToAddress(c.keys[0].PublicKey)
	addr, tx, app, err := bindings.DeployDevproofAppAuth(c.auth(0, nil), c.client, dev, uint64(PolicyDelay/time.Second), false, true, [32]byte{}, [32]byte{})
	if err := c.mined(ctx, "deploying DevproofAppAuth", tx, err); err != nil {
		return nil, err
	}
	c.appAuth = addr
	tx, err = kmsc.RegisterApp(c.auth(0, nil), addr)
	if err := c.mined(ctx, "registering the app with the KMS", tx, err); err != nil {
		return nil, err
	}
	hexHash, err := attest.ComposeHash(compose)
	if err != nil {
		return nil, err
	}
	hash := common.HexToHash(hexHash)
	tx, err = app.ProposeComposeHash(c.auth(0, nil), hash)
	if err := c.mined(ctx, "proposing the compose hash", tx, err); err != nil {
		return nil, err
	}
	if err := adjustTime(c.backend, PolicyDelay); err != nil {
		return nil, err
	}
	tx, err = app.Activate(c.auth(1, nil), big.NewInt(0))
	if err := c.mined(ctx, "activating the compose hash", tx, err); err != nil {
		return nil, err
	}
	ch, err := app.Change(&bind.CallOpts{Context: ctx}, big.NewInt(0))
	if err != nil {
		return nil, err
	}
	c.effective = time.Unix(int64(ch.ActivatedAt), 0).UTC()
	return c, nil
}

// verifyCommand is `devproof verify` of the running app with every check
// its input: the local CA, DNS server and chain.
func verifyCommand(st *Stack) string {
	port := portOf(st.ingressAddr)
	return fmt.Sprintf("go run ./cmd/devproof verify https://%s:%s --ca %s --resolve %s:%s:127.0.0.1 --dns %s --allow-simulated "+
		"--expect-compose-hash %s --rpc %s --kms %s --registry %s --market %s",
		DemoDomain, port, shellQuote(st.RootPEM), DemoDomain, port, st.DNS, st.ComposeHash, st.RPC, st.KMS, st.Market.Registry, st.Market.Market)
}

// publishKMSInfo has the KMS stand-in publish the simulator's KMS root keys
// as DstackKms does, so that an auditor can match the key-provider event
// in the app's quotes against the KMS on chain.
func (c *devChain) publishKMSInfo(ctx context.Context, sim *teesim.Simulator) error {
	k := sim.Keys()
	ca, err := x509.MarshalPKIXPublicKey(&k.CAKey.PublicKey)
	if err != nil {
		return err
	}
	kms, err := bindings.NewDevKms(c.kms, c.client)
	if err != nil {
		return err
	}
	tx, err := kms.SetKmsInfo(c.auth(2, nil), bindings.DevKmsKmsInfo{K256Pubkey: crypto.CompressPubkey(&k.KMSRoot.PublicKey), CaPubkey: ca})
	return c.mined(ctx, "publishing the KMS's root keys", tx, err)
}
