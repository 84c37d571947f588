package oracle

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/deploy/contracts/bindings"
	"github.com/devproof/devproof/internal/retry"
	"github.com/devproof/devproof/notary"
)

// Submitter sends observations to a PredictionMarket as resolve
// transactions paid by one key. Anyone may submit: a bettor holding a
// published observation uses it as the oracle does. It is safe for
// concurrent use and sends one transaction at a time.
type Submitter struct {
	backend Backend
	addr    common.Address
	market  *bindings.PredictionMarket
	key     *ecdsa.PrivateKey
	chainID *big.Int

	mu sync.Mutex
}

// NewSubmitter submits to the market at addr on the chain chainID.
func NewSubmitter(backend Backend, addr common.Address, key *ecdsa.PrivateKey, chainID *big.Int) (*Submitter, error) {
	m, err := bindings.NewPredictionMarket(addr, backend)
	if err != nil {
		return nil, err
	}
	return &Submitter{backend: backend, addr: addr, market: m, key: key, chainID: chainID}, nil
}

// Submission is what became of an observation sent to the market.
type Submission struct {
	// Tx is the resolve transaction, when one was sent and mined.
	Tx common.Hash
	// Earlier says the market already had an observation at least as
	// early (NotEarlier): someone submitted it first, and it stands.
	Earlier bool
}

// receiptPoll paces the wait for a receipt.
var receiptPoll = retry.Backoff{Base: 100 * time.Millisecond, Max: 2 * time.Second}

// Submit sends n's statement to the market it names and waits for it to
// be mined. NotEarlier is not an error: it is Submission.Earlier. Another
// revert is an error naming it (contracts.Revert reads it back).
func (s *Submitter) Submit(ctx context.Context, n *notary.Notarization) (Submission, error) {
	if n == nil || n.Statement == nil {
		return Submission{}, errors.New("no statement to submit")
	}
	id := n.Statement.MarketID
	s.mu.Lock()
	defer s.mu.Unlock()
	opts, err := bind.NewKeyedTransactorWithChainID(s.key, s.chainID)
	if err != nil {
		return Submission{}, err
	}
	opts.Context = ctx
	tx, err := s.market.Resolve(opts, id, contracts.Statement(n.Statement), n.Signature)
	if err != nil {
		return s.refused(id, err)
	}
	var rc *types.Receipt
	err = retry.Do(ctx, receiptPoll, func(ctx context.Context) error {
		var err error
		rc, err = s.backend.TransactionReceipt(ctx, tx.Hash())
		return err
	}, nil)
	if err != nil {
		return Submission{}, fmt.Errorf("market %s: no receipt for resolve transaction %s: %w", id.Hex(), tx.Hash().Hex(), err)
	}
	if rc.Status == types.ReceiptStatusSuccessful {
		return Submission{Tx: tx.Hash()}, nil
	}
	// Receipts carry no reason: call it again on the block's state, where
	// an observation mined before it in the block is already kept.
	msg := ethereum.CallMsg{From: crypto.PubkeyToAddress(s.key.PublicKey), To: &s.addr, Data: tx.Data()}
	if _, err := s.backend.CallContract(ctx, msg, rc.BlockNumber); err != nil {
		return s.refused(id, fmt.Errorf("transaction %s failed in block %s: %w", tx.Hash().Hex(), rc.BlockNumber, err))
	}
	return Submission{}, fmt.Errorf("market %s: resolve transaction %s failed in block %s, with no revert on replay", id.Hex(), tx.Hash().Hex(), rc.BlockNumber)
}

func (s *Submitter) refused(id common.Hash, err error) (Submission, error) {
	reason := contracts.Revert(err)
	if strings.HasPrefix(reason, "NotEarlier(") {
		return Submission{Earlier: true}, nil
	}
	if reason != "" {
		return Submission{}, fmt.Errorf("market %s: resolve reverted with %s: %w", id.Hex(), reason, err)
	}
	return Submission{}, fmt.Errorf("market %s: resolve: %w", id.Hex(), err)
}

// retryable says whether a submission may succeed later: the chain's head
// not yet at the window or the observation (TooEarly, ObservedInFuture),
// or no revert at all (the node, the network).
func retryable(err error) bool {
	reason := contracts.Revert(err)
	return reason == "" || strings.HasPrefix(reason, "TooEarly(") || strings.HasPrefix(reason, "ObservedInFuture(")
}
