package devstack

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
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

// startChain starts the chain and puts the app's policy on it: the KMS,
// the DevproofAppAuth, and compose through the pending period.
func startChain(ctx context.Context, compose []byte, stops *[]func()) (*devChain, error) {
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
	c.backend = simulated.NewBackend(alloc)
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
