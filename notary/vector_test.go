package notary

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"flag"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/devproof/devproof/internal/jcs"
	"github.com/devproof/devproof/notary/ctpolicy"
	"github.com/devproof/devproof/notary/revocation"
)

var update = flag.Bool("update", false, "rewrite the golden test vectors")

// recordVector is testdata/record-vector.json: a session record R, its
// canonical encoding JCS(R) and the three hashes a statement carries, for
// any verifier to reproduce.
type recordVector struct {
	Comment      string          `json:"comment"`
	Record       json.RawMessage `json:"record"`
	Canonical    string          `json:"canonical"`
	SessionHash  common.Hash     `json:"session_hash"`
	RequestHash  common.Hash     `json:"request_hash"`
	ResponseHash common.Hash     `json:"response_hash"`
}

// TestRecordVector comes before TestStatementVector, which with -update
// signs the same record and checks it against this vector.
func TestRecordVector(t *testing.T) {
	path := filepath.Join("testdata", "record-vector.json")
	if *update {
		rec := vectorRecord(t)
		canon, err := rec.Canonical()
		if err != nil {
			t.Fatal(err)
		}
		v := recordVector{
			Comment:   "devproof notary session record v2: canonical is RFC 8785 JCS of record; session_hash = sha256(canonical), request_hash = sha256(JCS(record.request)), response_hash = sha256(JCS(record.response)); statement-vector.json's statement carries them",
			Record:    encodeJSON(t, rec, ""),
			Canonical: string(canon),
		}
		if v.SessionHash, err = rec.SessionHash(); err != nil {
			t.Fatal(err)
		}
		if v.RequestHash, err = rec.RequestHash(); err != nil {
			t.Fatal(err)
		}
		if v.ResponseHash, err = rec.ResponseHash(); err != nil {
			t.Fatal(err)
		}
		writeVector(t, path, v)
	}
	v := readRecordVector(t)
	var rec Record
	dec := json.NewDecoder(bytes.NewReader(v.Record))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rec); err != nil {
		t.Fatalf("%s: record: %v", path, err)
	}
	if rec.Version != RecordVersion {
		t.Errorf("record version %d, want %d", rec.Version, RecordVersion)
	}
	// The record as the vector spells it and as Record holds it have one
	// canonical form, so decoding lost nothing.
	if c, err := jcs.Canonicalize(v.Record); err != nil || string(c) != v.Canonical {
		t.Errorf("JCS of the vector's record (%v):\n%s\nvector's canonical:\n%s", err, c, v.Canonical)
	}
	if c, err := rec.Canonical(); err != nil || string(c) != v.Canonical {
		t.Errorf("Record.Canonical (%v):\n%s\nvector's canonical:\n%s", err, c, v.Canonical)
	}
	for _, h := range []struct {
		name string
		f    func() ([32]byte, error)
		want common.Hash
	}{
		{"session", rec.SessionHash, v.SessionHash},
		{"request", rec.RequestHash, v.RequestHash},
		{"response", rec.ResponseHash, v.ResponseHash},
	} {
		if got, err := h.f(); err != nil || common.Hash(got) != h.want {
			t.Errorf("%s hash %x (%v), vector %s", h.name, got, err, h.want.Hex())
		}
	}
	if sha256.Sum256([]byte(v.Canonical)) != v.SessionHash {
		t.Error("session_hash is not sha256 of canonical")
	}
}

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
		m := Market{SourceURL: "https://api.example.com/v1/btc-usd", Pointer: "/price", Comparator: ">=", Threshold: "100000", ResolveAfter: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC), Window: 3600}
		terms, err := m.TermsHash()
		if err != nil {
			t.Fatal(err)
		}
		// The statement commits to the record vector's record, made as
		// Notarize and Observe make theirs.
		n, err := sign(vectorRecord(t), s, d, Outcome(true), nil, MarketID("btc-100k"), terms)
		if err != nil {
			t.Fatal(err)
		}
		st, sig := *n.Statement, n.Signature
		digest, err := st.Digest(d)
		if err != nil {
			t.Fatal(err)
		}
		v := vector{
			Comment: "devproof notary statement v1: EIP-712 digest of Statement in the domain, signed r||s||v (v 27/28); terms_hash is the EIP-712 struct hash of the market's Terms; requestHash, responseHash and sessionHash are the hashes of the record in record-vector.json, and observedAt its timings.done in unix seconds",
			Domain:  domainJSON{Name: DomainName, Version: DomainVersion, ChainID: d.ChainID, VerifyingContract: d.VerifyingContract},
			Market:  m, TermsHash: terms, Statement: st, Digest: digest, Signer: s.Address.Hex(), Signature: sig,
		}
		writeVector(t, path, v)
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
	rv := readRecordVector(t)
	if v.Statement.RequestHash != rv.RequestHash || v.Statement.ResponseHash != rv.ResponseHash || v.Statement.SessionHash != rv.SessionHash {
		t.Errorf("statement hashes request %s response %s session %s; record vector has %s %s %s",
			v.Statement.RequestHash.Hex(), v.Statement.ResponseHash.Hex(), v.Statement.SessionHash.Hex(),
			rv.RequestHash.Hex(), rv.ResponseHash.Hex(), rv.SessionHash.Hex())
	}
	var rec Record
	if err := json.Unmarshal(rv.Record, &rec); err != nil || v.Statement.ObservedAt != uint64(rec.Timings.Done.Unix()) {
		t.Errorf("statement observedAt %d, record vector's timings.done %s (%v)", v.Statement.ObservedAt, rec.Timings.Done, err)
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

func readRecordVector(t *testing.T) recordVector {
	t.Helper()
	path := filepath.Join("testdata", "record-vector.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v recordVector
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return v
}

// encodeJSON is v's JSON without HTML escaping, so vectors read as they mean.
func encodeJSON(t *testing.T, v any, indent string) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeVector(t *testing.T, path string, v any) {
	t.Helper()
	if err := os.WriteFile(path, encodeJSON(t, v, "  "), 0o644); err != nil {
		t.Fatal(err)
	}
}

// vectorRecord is a fetch of a price API as Fetch would record it: a
// redacted credential, HTML and non-ASCII text in a header, a JSON body, a
// two-certificate chain, SCTs from two operators and a CRL check.
func vectorRecord(t *testing.T) *Record {
	t.Helper()
	chain := vectorChain(t)
	done := time.Date(2026, 12, 31, 0, 1, 0, 0, time.UTC)
	start := done.Add(-12300 * time.Microsecond)
	body := []byte(`{"symbol":"BTC-USD","price":101234.5,"time":"2026-12-31T00:00:59Z"}`)
	logID := func(name string) string {
		h := sha256.Sum256([]byte(name))
		return base64.StdEncoding.EncodeToString(h[:])
	}
	url := "https://api.example.com/v1/btc-usd"
	return &Record{
		Version: RecordVersion,
		Request: RecordRequest{
			Method: http.MethodGet, URL: url,
			Headers:    redact(http.Header{"Accept": {"application/json"}, "Authorization": {"Bearer secret-token"}}),
			BodySHA256: sha256Hex(nil),
		},
		Response: RecordResponse{
			URL: url, Status: http.StatusOK,
			Headers: redact(http.Header{
				"Content-Type":  {"application/json"},
				"Cache-Control": {"max-age=5"},
				"Etag":          {`"5d8c72a5edda8d6a"`},
				"Set-Cookie":    {"session=3f9a1c; Secure; HttpOnly"},
				"X-Status-Note": {"<b>&amp; déjà vu</b>"},
			}),
			Body: body, BodySHA256: sha256Hex(body), BodyLength: int64(len(body)),
		},
		TLS: RecordTLS{
			Version: "TLS 1.3", CipherSuite: "TLS_AES_128_GCM_SHA256", ServerName: "api.example.com",
			Chain: chain,
			SCTs: []ctpolicy.SCT{
				{LogID: logID("example log a"), Log: "Example Log A 2027h1", Operator: "Example A", Source: "embedded",
					Timestamp: time.Date(2026, 12, 1, 9, 30, 0, 123000000, time.UTC), LogState: "usable", Counted: true},
				{LogID: logID("example log b"), Log: "Example Log B 2027h1", Operator: "Example B", Tiled: true, Source: "embedded",
					Timestamp: time.Date(2026, 12, 1, 9, 30, 1, 456000000, time.UTC), LogState: "usable", Counted: true},
			},
			Revocation: &revocation.Evidence{Method: "crl", CRLs: []revocation.CRLCheck{{
				URL: "http://crl.example.com/issuing-ca.crl", SHA256: sha256Hex([]byte("issuing-ca.crl")), Number: "4321",
				ThisUpdate: time.Date(2026, 12, 30, 18, 0, 0, 0, time.UTC), NextUpdate: time.Date(2027, 1, 6, 18, 0, 0, 0, time.UTC),
			}}},
		},
		Timings: Timings{
			Start: start, Connected: start.Add(3100 * time.Microsecond), TLSDone: start.Add(7900 * time.Microsecond),
			FirstByte: start.Add(11800 * time.Microsecond), Done: done, TotalSeconds: 0.0123,
		},
		Checks: []Check{
			{Name: "path", OK: true, Detail: "chains to CN=Example Root CA,O=Example"},
			{Name: "hostname", OK: true, Detail: "valid for api.example.com"},
			{Name: "ct", OK: true, Detail: "SCTs from 2 logs by [Example A Example B]"},
			{Name: "revocation", OK: true, Detail: "not revoked (crl)"},
		},
		LogListVersion: "58.3",
		Notary:         Notary{AppID: sha256Hex([]byte("example app"))[:40], ComposeHash: sha256Hex([]byte("example compose"))},
	}
}

// vectorChain is a leaf and its issuer, DER, from fixed Ed25519 keys, so
// that the vector comes out the same each time it is written.
func vectorChain(t *testing.T) [][]byte {
	t.Helper()
	rootKey := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, 32))
	leafKey := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, 32))
	from := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	root := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Example Root CA", Organization: []string{"Example"}},
		NotBefore: from, NotAfter: from.AddDate(10, 0, 0), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	rootDER, err := x509.CreateCertificate(nil, root, root, rootKey.Public(), rootKey)
	if err != nil {
		t.Fatal(err)
	}
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "api.example.com"}, DNSNames: []string{"api.example.com"},
		NotBefore: from, NotAfter: from.AddDate(0, 0, 90), KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		CRLDistributionPoints: []string{"http://crl.example.com/issuing-ca.crl"},
	}
	leafDER, err := x509.CreateCertificate(nil, leaf, root, leafKey.Public(), rootKey)
	if err != nil {
		t.Fatal(err)
	}
	return [][]byte{leafDER, rootDER}
}
