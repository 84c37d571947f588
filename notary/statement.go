package notary

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/evidence"
	"github.com/devproof/devproof/internal/tee"
)

// EIP-712 domain of every statement.
const (
	DomainName    = "devproof-notary"
	DomainVersion = "1"
)

// GetKey path and purpose of the notary's signing key.
const (
	SignerPath    = "devproof/notary/signer"
	SignerPurpose = "devproof-signer"
)

// Domain is where statements are valid: a chain and a contract.
type Domain struct {
	ChainID           *big.Int
	VerifyingContract common.Address
}

// Statement is what the notary signs, as EIP-712 typed data:
//
//	Statement(bytes32 requestHash,bytes32 responseHash,bytes32 sessionHash,
//	          bytes value,uint64 observedAt,bytes32 marketId,bytes32 terms)
//
// marketId is the market being resolved, or a nonce for a plain
// notarization. terms is the hash of the market's terms (Market.TermsHash),
// and zero for a plain notarization, so a notarization can never pass for a
// market's resolution.
type Statement struct {
	RequestHash  common.Hash   `json:"requestHash"`
	ResponseHash common.Hash   `json:"responseHash"`
	SessionHash  common.Hash   `json:"sessionHash"`
	Value        hexutil.Bytes `json:"value"`
	ObservedAt   uint64        `json:"observedAt"`
	MarketID     common.Hash   `json:"marketId"`
	Terms        common.Hash   `json:"terms"`
}

// TypedData is the statement as EIP-712 typed data in domain d.
func (s *Statement) TypedData(d Domain) apitypes.TypedData {
	return apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": {
				{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
				{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"},
			},
			"Statement": {
				{Name: "requestHash", Type: "bytes32"}, {Name: "responseHash", Type: "bytes32"},
				{Name: "sessionHash", Type: "bytes32"}, {Name: "value", Type: "bytes"},
				{Name: "observedAt", Type: "uint64"}, {Name: "marketId", Type: "bytes32"},
				{Name: "terms", Type: "bytes32"},
			},
		},
		PrimaryType: "Statement",
		Domain: apitypes.TypedDataDomain{
			Name: DomainName, Version: DomainVersion,
			ChainId:           (*math.HexOrDecimal256)(d.ChainID),
			VerifyingContract: d.VerifyingContract.Hex(),
		},
		Message: apitypes.TypedDataMessage{
			"requestHash":  s.RequestHash.Hex(),
			"responseHash": s.ResponseHash.Hex(),
			"sessionHash":  s.SessionHash.Hex(),
			"value":        hexutil.Encode(s.Value),
			"observedAt":   strconv.FormatUint(s.ObservedAt, 10),
			"marketId":     s.MarketID.Hex(),
			"terms":        s.Terms.Hex(),
		},
	}
}

// Digest is the EIP-712 hash a signature covers.
func (s *Statement) Digest(d Domain) (common.Hash, error) {
	if d.ChainID == nil {
		return common.Hash{}, errors.New("statement domain has no chain id")
	}
	h, _, err := apitypes.TypedDataAndHash(s.TypedData(d))
	if err != nil {
		return common.Hash{}, fmt.Errorf("EIP-712 hash: %w", err)
	}
	return common.BytesToHash(h), nil
}

// RecoverSigner returns the address that made sig (65 bytes, v 27 or 28)
// over the statement in domain d.
func (s *Statement) RecoverSigner(d Domain, sig []byte) (common.Address, error) {
	digest, err := s.Digest(d)
	if err != nil {
		return common.Address{}, err
	}
	if len(sig) != 65 || (sig[64] != 27 && sig[64] != 28) {
		return common.Address{}, errors.New("signature must be 65 bytes with v 27 or 28")
	}
	rs := append([]byte(nil), sig...)
	rs[64] -= 27
	pub, err := crypto.SigToPub(digest[:], rs)
	if err != nil {
		return common.Address{}, err
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// Signer signs statements with the GetKey-derived key. Its proof is the
// GetKey signature chain and a quote whose report_data is
// sha512("devproof-signer:" + EIP-55 address).
type Signer struct {
	key     *ecdsa.PrivateKey
	Address common.Address `json:"address"`
	// PublicKey is the uncompressed secp256k1 key (65 bytes).
	PublicKey      hexutil.Bytes         `json:"public_key"`
	SignatureChain []hexutil.Bytes       `json:"signature_chain"`
	AppID          string                `json:"app_id"`
	Quote          *tee.GetQuoteResponse `json:"quote"`
}

// NewSigner derives the notary key from the agent and quotes its address.
func NewSigner(ctx context.Context, agent tee.Agent) (*Signer, error) {
	info, err := agent.Info(ctx)
	if err != nil {
		return nil, err
	}
	k, err := agent.GetKey(ctx, SignerPath, SignerPurpose, "secp256k1")
	if err != nil {
		return nil, err
	}
	raw, err := k.DecodeKey()
	if err != nil {
		return nil, err
	}
	key, err := crypto.ToECDSA(raw)
	if err != nil {
		return nil, fmt.Errorf("GetKey returned an invalid secp256k1 key: %w", err)
	}
	chain, err := k.DecodeSignatureChain()
	if err != nil {
		return nil, err
	}
	s := &Signer{key: key, Address: crypto.PubkeyToAddress(key.PublicKey), PublicKey: crypto.FromECDSAPub(&key.PublicKey), AppID: info.AppID}
	for _, c := range chain {
		s.SignatureChain = append(s.SignatureChain, c)
	}
	appID, err := hex.DecodeString(info.AppID)
	if err != nil {
		return nil, fmt.Errorf("Info app_id %q: %w", info.AppID, err)
	}
	// Refuse to sign with a key whose chain does not hold together.
	if _, err := attest.RecoverKeyChain(SignerPurpose, crypto.CompressPubkey(&key.PublicKey), chain, appID); err != nil {
		return nil, fmt.Errorf("notary key: %w", err)
	}
	rd := evidence.SignerReportData(s.Address.Hex())
	if s.Quote, err = agent.GetQuote(ctx, rd[:]); err != nil {
		return nil, err
	}
	return s, nil
}

// Sign signs the statement for domain d: 65 bytes r||s||v, v 27 or 28, as
// Solidity's ecrecover takes it.
func (s *Signer) Sign(st *Statement, d Domain) (hexutil.Bytes, error) {
	digest, err := st.Digest(d)
	if err != nil {
		return nil, err
	}
	sig, err := crypto.Sign(digest[:], s.key)
	if err != nil {
		return nil, err
	}
	sig[64] += 27
	return sig, nil
}

// Notarization is a fetch's record with its signed statement.
type Notarization struct {
	Record      *Record         `json:"record"`
	SessionHash common.Hash     `json:"session_hash"`
	Statement   *Statement      `json:"statement"`
	Domain      domainJSON      `json:"domain"`
	Signature   hexutil.Bytes   `json:"signature"`
	Value       json.RawMessage `json:"value,omitempty"`
	Signer      *Signer         `json:"signer"`
}

type domainJSON struct {
	Name              string         `json:"name"`
	Version           string         `json:"version"`
	ChainID           *big.Int       `json:"chainId"`
	VerifyingContract common.Address `json:"verifyingContract"`
}

// Notarize fetches req, extracts pointer from the JSON response
// (RecordResponse.Extract; no extraction when empty), and signs the
// statement. Nothing is signed when a required check, the fetch or the
// extraction fails.
func Notarize(ctx context.Context, c *Client, s *Signer, d Domain, req Request, pointer string, marketID common.Hash) (*Notarization, error) {
	rec, err := c.Fetch(ctx, req)
	if err != nil {
		return nil, err
	}
	var value []byte
	if pointer != "" {
		v, err := rec.Response.Extract(pointer)
		if err != nil {
			return nil, &CheckError{Check: "extract", Err: err}
		}
		value = v
	}
	return sign(rec, s, d, value, value, marketID, common.Hash{})
}

// sign makes the statement for a record and signs it; shown is the value
// as reported to the caller.
func sign(rec *Record, s *Signer, d Domain, value, shown []byte, marketID, terms common.Hash) (*Notarization, error) {
	st := &Statement{Value: value, ObservedAt: uint64(rec.Timings.Done.Unix()), MarketID: marketID, Terms: terms}
	var err error
	if st.RequestHash, err = rec.RequestHash(); err != nil {
		return nil, err
	}
	if st.ResponseHash, err = rec.ResponseHash(); err != nil {
		return nil, err
	}
	if st.SessionHash, err = rec.SessionHash(); err != nil {
		return nil, err
	}
	sig, err := s.Sign(st, d)
	if err != nil {
		return nil, err
	}
	return &Notarization{
		Record: rec, SessionHash: st.SessionHash, Statement: st, Signature: sig, Value: shown, Signer: s,
		Domain: domainJSON{Name: DomainName, Version: DomainVersion, ChainID: d.ChainID, VerifyingContract: d.VerifyingContract},
	}, nil
}

// ObservedTime is ObservedAt as a time.
func (s *Statement) ObservedTime() time.Time { return time.Unix(int64(s.ObservedAt), 0).UTC() }
