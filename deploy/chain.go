package deploy

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/deploy/contracts"
	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/retry"
	"github.com/devproof/devproof/notary"
)

// receiptPoll is how often a receipt is asked for: soon at first, for
// chains that mine at once, then no faster than a block every 2 s.
var receiptPoll = retry.Backoff{Base: 100 * time.Millisecond, Max: 2 * time.Second}

// send runs one transaction step: it records the step, sends with gas
// estimated by the node, waits for the receipt and requires success. A
// failure names the step and, where the node gives one, the revert.
func (r *run) send(ctx context.Context, name string, do func(*bind.TransactOpts) (*types.Transaction, error)) (*types.Receipt, error) {
	r.step(Step{Name: name})
	st := &r.rep.Steps[len(r.rep.Steps)-1]
	fail := func(status string, err error) (*types.Receipt, error) {
		st.Status, st.Detail, r.rep.Failed = status, err.Error(), name
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	opts, err := bind.NewKeyedTransactorWithChainID(r.cfg.Key, r.chainID)
	if err != nil {
		return fail(Failed, err)
	}
	opts.Context = ctx
	tx, err := do(opts)
	if err != nil {
		if reason := contracts.Revert(err); reason != "" {
			return fail(Failed, fmt.Errorf("reverted with %s", reason))
		}
		return fail(Failed, hideURL(err))
	}
	h := tx.Hash()
	st.Tx, st.Status = &h, Sent
	if tx.To() == nil {
		st.Address = ptr(crypto.CreateAddress(r.from, tx.Nonce()))
	}
	rc, err := r.wait(ctx, tx)
	if err != nil {
		if st.Address != nil {
			err = fmt.Errorf("%w; once mined, the contract is at %s", err, st.Address.Hex())
		}
		return fail(Sent, err)
	}
	st.Block = rc.BlockNumber.Uint64()
	if rc.Status != types.ReceiptStatusSuccessful {
		st.Address = nil // a failed creation leaves no contract
		why := "no revert reason"
		if reason := r.replay(ctx, tx, rc); reason != "" {
			why = "reverted with " + reason
		}
		return fail(Failed, fmt.Errorf("transaction %s failed in block %d (%s)", h.Hex(), st.Block, why))
	}
	st.Status = Done
	return rc, nil
}

// wait polls for tx's receipt until the timeout.
func (r *run) wait(ctx context.Context, tx *types.Transaction) (*types.Receipt, error) {
	wctx, cancel := context.WithTimeout(ctx, r.cfg.timeout())
	defer cancel()
	var rc *types.Receipt
	var last error
	err := retry.Do(wctx, receiptPoll, func(ctx context.Context) error {
		var err error
		rc, err = r.client.TransactionReceipt(ctx, tx.Hash())
		if err != nil && !errors.Is(err, ethereum.NotFound) {
			last = err
		}
		return err
	}, nil)
	switch {
	case err == nil:
		return rc, nil
	case ctx.Err() != nil:
		return nil, fmt.Errorf("stopped waiting for tx %s: %w", tx.Hash().Hex(), ctx.Err())
	case last != nil:
		return nil, fmt.Errorf("no receipt for tx %s within %s (--timeout), last error %v; it may still be mined: look it up before sending again", tx.Hash().Hex(), r.cfg.timeout(), hideURL(last))
	}
	return nil, fmt.Errorf("no receipt for tx %s within %s (--timeout); it may still be mined: look it up before sending again", tx.Hash().Hex(), r.cfg.timeout())
}

// replay calls a failed transaction again on the state it ran on, since
// receipts carry no revert reason.
func (r *run) replay(ctx context.Context, tx *types.Transaction, rc *types.Receipt) string {
	if rc.BlockNumber.Sign() == 0 {
		return ""
	}
	msg := ethereum.CallMsg{From: r.from, To: tx.To(), Gas: tx.Gas(), Value: tx.Value(), Data: tx.Data()}
	_, err := r.client.CallContract(ctx, msg, new(big.Int).Sub(rc.BlockNumber, big.NewInt(1)))
	return contracts.Revert(err)
}

// hasCode requires a contract at addr.
func (r *run) hasCode(ctx context.Context, what string, addr common.Address) error {
	code, err := r.client.CodeAt(ctx, addr, nil)
	if err != nil {
		return fmt.Errorf("%s %s: %w", what, addr.Hex(), hideURL(err))
	}
	if len(code) == 0 {
		return fmt.Errorf("%s: no contract at %s", what, addr.Hex())
	}
	return nil
}

// isAppAuth requires this release's DevproofAppAuth at addr: a look-alike
// could claim a delay it does not enforce, and the registry would refuse
// it (NotDevproofAppAuth).
func (r *run) isAppAuth(ctx context.Context, what string, addr common.Address) error {
	if err := r.hasCode(ctx, what, addr); err != nil {
		return err
	}
	want, err := contracts.RuntimeCodeHash("DevproofAppAuth")
	if err != nil {
		return err
	}
	got, err := r.codeHash(ctx, addr)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("%s %s is not a DevproofAppAuth: its code hash is %s, this release's DevproofAppAuth has %s", what, addr.Hex(), got.Hex(), want.Hex())
	}
	return nil
}

func (r *run) codeHash(ctx context.Context, addr common.Address) (common.Hash, error) {
	code, err := r.client.CodeAt(ctx, addr, nil)
	if err != nil {
		return common.Hash{}, fmt.Errorf("code at %s: %w", addr.Hex(), hideURL(err))
	}
	return crypto.Keccak256Hash(code), nil
}

// builtCodeHash is the hash of the code a contract gets when built with
// these constructor arguments: the creation is run as a call, which
// returns the deployed code. NotaryRegistry and PredictionMarket embed
// their arguments in their code, so no fixed hash would do.
func (r *run) builtCodeHash(ctx context.Context, md *bind.MetaData, args ...any) (common.Hash, error) {
	a, err := md.GetAbi()
	if err != nil {
		return common.Hash{}, err
	}
	packed, err := a.Pack("", args...)
	if err != nil {
		return common.Hash{}, err
	}
	data := append(common.FromHex(md.Bin), packed...)
	code, err := r.client.CallContract(ctx, ethereum.CallMsg{From: r.from, Data: data}, nil)
	if err != nil {
		if reason := contracts.Revert(err); reason != "" {
			return common.Hash{}, fmt.Errorf("reverted with %s", reason)
		}
		return common.Hash{}, hideURL(err)
	}
	return crypto.Keccak256Hash(code), nil
}

// signerFacts is what a signer's description proves about it.
type signerFacts struct {
	appID   common.Address
	kmsRoot common.Address
	args    *contracts.RegisterArgs
}

// checkSigner verifies a signer's description offline: its address is its
// key's, and its dstack key chain holds together for its app id, ending at
// a KMS root.
func checkSigner(s *notary.Signer) (*signerFacts, error) {
	pub, err := crypto.UnmarshalPubkey(s.PublicKey)
	if err != nil {
		return nil, fmt.Errorf("public_key is not an uncompressed secp256k1 key: %w", err)
	}
	if a := crypto.PubkeyToAddress(*pub); a != s.Address {
		return nil, fmt.Errorf("address %s is not its public key's (%s)", s.Address.Hex(), a.Hex())
	}
	id := strings.TrimPrefix(strings.TrimPrefix(s.AppID, "0x"), "0X")
	if !common.IsHexAddress(id) {
		return nil, fmt.Errorf("app_id %q is not a 20-byte hex app id", s.AppID)
	}
	appID := common.HexToAddress(id)
	plain := *s
	plain.AppID = strings.ToLower(id)
	args, err := contracts.ArgsFor(&plain)
	if err != nil {
		return nil, err
	}
	chain := make([][]byte, len(s.SignatureChain))
	for i, c := range s.SignatureChain {
		chain[i] = c
	}
	kc, err := attest.RecoverKeyChain(notary.SignerPurpose, crypto.CompressPubkey(pub), chain, appID.Bytes())
	if err != nil {
		return nil, err
	}
	root, err := crypto.DecompressPubkey(kc.KMSRoot)
	if err != nil {
		return nil, fmt.Errorf("KMS root: %w", err)
	}
	return &signerFacts{appID: appID, kmsRoot: crypto.PubkeyToAddress(*root), args: args}, nil
}

// redactURL keeps a node URL's scheme and host: providers put API keys in
// the path, query or user info.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return s // an IPC path
	}
	out := u.Scheme + "://" + u.Host
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		out += "/…"
	}
	return out
}

// hideURL redacts the full URL net/http puts in its errors.
func hideURL(err error) error {
	var ue *url.Error
	if !errors.As(err, &ue) {
		return err
	}
	return redactedError{strings.ReplaceAll(err.Error(), ue.URL, redactURL(ue.URL)), err}
}

type redactedError struct {
	msg string
	err error
}

func (e redactedError) Error() string { return e.msg }
func (e redactedError) Unwrap() error { return e.err }

// dialError is the network's own error, without the request around it.
func dialError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
