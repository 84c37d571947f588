package notary

import (
	"bytes"
	"encoding/json"
	"flag"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
)

var update = flag.Bool("update", false, "rewrite the golden test vectors")

// vector is testdata/statement-vector.json: a market, a statement resolving
// it, its EIP-712 digest in the domain, and a signature by a fixed key, for
// any verifier to reproduce.
type vector struct {
	Comment   string        `json:"comment"`
	Domain    domainJSON    `json:"domain"`
	Market    Market        `json:"market"`
	TermsHash common.Hash   `json:"terms_hash"`
	Statement Statement     `json:"statement"`
	Digest    common.Hash   `json:"digest"`
	Signer    string        `json:"signer"`
	Signature hexutil.Bytes `json:"signature"`
}

func TestStatementVector(t *testing.T) {
	path := filepath.Join("testdata", "statement-vector.json")
	if *update {
		key, _ := crypto.ToECDSA(crypto.Keccak256([]byte("devproof statement test vector key")))
		s := &Signer{key: key, Address: crypto.PubkeyToAddress(key.PublicKey)}
		d := Domain{ChainID: big.NewInt(1337), VerifyingContract: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")}
		m := Market{SourceURL: "https://api.example.com/v1/btc-usd", Pointer: "/price", Comparator: ">=", Threshold: "100000", ResolveAfter: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}
		terms, err := m.TermsHash()
		if err != nil {
			t.Fatal(err)
		}
		st := Statement{
			RequestHash: crypto.Keccak256Hash([]byte("request")), ResponseHash: crypto.Keccak256Hash([]byte("response")),
			SessionHash: crypto.Keccak256Hash([]byte("session")), Value: Outcome(true),
			ObservedAt: uint64(m.ResolveAfter.Unix()) + 60, MarketID: MarketID("btc-100k"), Terms: terms,
		}
		digest, err := st.Digest(d)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := s.Sign(&st, d)
		if err != nil {
			t.Fatal(err)
		}
		v := vector{
			Comment: "devproof notary statement v1: EIP-712 digest of Statement in the domain, signed r||s||v (v 27/28); terms_hash is the EIP-712 struct hash of the market's Terms",
			Domain:  domainJSON{Name: DomainName, Version: DomainVersion, ChainID: d.ChainID, VerifyingContract: d.VerifyingContract},
			Market:  m, TermsHash: terms, Statement: st, Digest: digest, Signer: s.Address.Hex(), Signature: sig,
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v vector
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	d := Domain{ChainID: v.Domain.ChainID, VerifyingContract: v.Domain.VerifyingContract}
	if v.Domain.Name != DomainName || v.Domain.Version != DomainVersion {
		t.Errorf("domain %s/%s, want %s/%s", v.Domain.Name, v.Domain.Version, DomainName, DomainVersion)
	}
	if terms, err := v.Market.TermsHash(); err != nil || terms != v.TermsHash || v.Statement.Terms != terms {
		t.Errorf("terms hash %s (%v), vector %s, statement %s", terms.Hex(), err, v.TermsHash.Hex(), v.Statement.Terms.Hex())
	}
	if digest, err := v.Statement.Digest(d); err != nil || digest != v.Digest {
		t.Errorf("digest %s (%v), vector %s", digest.Hex(), err, v.Digest.Hex())
	}
	if a, err := v.Statement.RecoverSigner(d, v.Signature); err != nil || a.Hex() != v.Signer {
		t.Errorf("signer %s (%v), vector %s", a.Hex(), err, v.Signer)
	}
	// Each field is covered: changing any one gives another digest.
	for name, change := range map[string]func(*Statement){
		"requestHash":  func(s *Statement) { s.RequestHash[0] ^= 1 },
		"responseHash": func(s *Statement) { s.ResponseHash[0] ^= 1 },
		"sessionHash":  func(s *Statement) { s.SessionHash[0] ^= 1 },
		"value":        func(s *Statement) { s.Value = Outcome(false) },
		"observedAt":   func(s *Statement) { s.ObservedAt++ },
		"marketId":     func(s *Statement) { s.MarketID[0] ^= 1 },
		"terms":        func(s *Statement) { s.Terms[0] ^= 1 },
	} {
		st := v.Statement
		st.Value = bytes.Clone(st.Value)
		change(&st)
		if digest, _ := st.Digest(d); digest == v.Digest {
			t.Errorf("changing %s leaves the digest", name)
		}
	}
}
