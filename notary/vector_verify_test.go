package notary_test

// A verifier's view of the test vectors: nothing here calls the notary or
// jcs packages. JCS, sha256, EIP-712 and signer recovery are redone by hand
// from the specifications, with only keccak256 and ecrecover borrowed from
// go-ethereum.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
)

func TestVectorsIndependently(t *testing.T) {
	var rv struct {
		Record       json.RawMessage `json:"record"`
		Canonical    string          `json:"canonical"`
		SessionHash  string          `json:"session_hash"`
		RequestHash  string          `json:"request_hash"`
		ResponseHash string          `json:"response_hash"`
	}
	readVector(t, "record-vector.json", &rv)
	var record map[string]any
	dec := json.NewDecoder(bytes.NewReader(rv.Record))
	dec.UseNumber() // keep each number's text for the ECMAScript rule
	if err := dec.Decode(&record); err != nil {
		t.Fatalf("record-vector.json: record: %v", err)
	}
	canon := jcsText(t, record)
	if canon != rv.Canonical {
		t.Fatalf("JCS of record:\n%s\nvector's canonical:\n%s", canon, rv.Canonical)
	}
	for _, c := range []struct {
		name, text, want string
	}{
		{"session_hash", canon, rv.SessionHash},
		{"request_hash", jcsText(t, record["request"]), rv.RequestHash},
		{"response_hash", jcsText(t, record["response"]), rv.ResponseHash},
	} {
		if got := sha256Hex(c.text); got != c.want {
			t.Errorf("%s: sha256 is %s, vector says %s", c.name, got, c.want)
		}
	}

	var sv struct {
		Domain struct {
			Name              string      `json:"name"`
			Version           string      `json:"version"`
			ChainID           json.Number `json:"chainId"`
			VerifyingContract string      `json:"verifyingContract"`
		} `json:"domain"`
		Market struct {
			SourceURL    string `json:"source_url"`
			Pointer      string `json:"pointer"`
			Comparator   string `json:"comparator"`
			Threshold    string `json:"threshold"`
			ResolveAfter string `json:"resolve_after"`
			Window       uint64 `json:"window"`
		} `json:"market"`
		TermsHash string `json:"terms_hash"`
		Statement struct {
			RequestHash  string `json:"requestHash"`
			ResponseHash string `json:"responseHash"`
			SessionHash  string `json:"sessionHash"`
			Value        string `json:"value"`
			ObservedAt   uint64 `json:"observedAt"`
			MarketID     string `json:"marketId"`
			Terms        string `json:"terms"`
		} `json:"statement"`
		Digest    string `json:"digest"`
		Signer    string `json:"signer"`
		Signature string `json:"signature"`
	}
	readVector(t, "statement-vector.json", &sv)
	st := sv.Statement
	if st.RequestHash != rv.RequestHash || st.ResponseHash != rv.ResponseHash || st.SessionHash != rv.SessionHash {
		t.Errorf("statement hashes %s %s %s are not the record vector's %s %s %s",
			st.RequestHash, st.ResponseHash, st.SessionHash, rv.RequestHash, rv.ResponseHash, rv.SessionHash)
	}

	// Terms(string sourceUrl,string pointer,string comparator,string threshold,uint64 resolveAfter,uint64 window)
	m := sv.Market
	after, err := time.Parse(time.RFC3339, m.ResolveAfter)
	if err != nil {
		t.Fatalf("market resolve_after: %v", err)
	}
	terms := keccak(
		keccak([]byte("Terms(string sourceUrl,string pointer,string comparator,string threshold,uint64 resolveAfter,uint64 window)")),
		keccak([]byte(m.SourceURL)), keccak([]byte(m.Pointer)), keccak([]byte(m.Comparator)), keccak([]byte(m.Threshold)),
		word(uint64(after.Unix())), word(m.Window))
	if got := "0x" + hex.EncodeToString(terms); got != sv.TermsHash || got != st.Terms {
		t.Errorf("terms hash %s; vector %s, statement %s", got, sv.TermsHash, st.Terms)
	}

	// EIP-712: keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(statement)).
	chainID, ok := new(big.Int).SetString(sv.Domain.ChainID.String(), 10)
	if !ok {
		t.Fatalf("domain chainId %q is not an integer", sv.Domain.ChainID)
	}
	domain := keccak(
		keccak([]byte("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)")),
		keccak([]byte(sv.Domain.Name)), keccak([]byte(sv.Domain.Version)),
		chainID.FillBytes(make([]byte, 32)), leftPad(unhex(t, "verifyingContract", sv.Domain.VerifyingContract, 20)))
	structHash := keccak(
		keccak([]byte("Statement(bytes32 requestHash,bytes32 responseHash,bytes32 sessionHash,bytes value,uint64 observedAt,bytes32 marketId,bytes32 terms)")),
		unhex(t, "requestHash", st.RequestHash, 32), unhex(t, "responseHash", st.ResponseHash, 32),
		unhex(t, "sessionHash", st.SessionHash, 32), keccak(unhex(t, "value", st.Value, -1)),
		word(st.ObservedAt), unhex(t, "marketId", st.MarketID, 32), unhex(t, "terms", st.Terms, 32))
	digest := keccak([]byte{0x19, 0x01}, domain, structHash)
	if got := "0x" + hex.EncodeToString(digest); got != sv.Digest {
		t.Errorf("digest %s, vector %s", got, sv.Digest)
	}

	sig := unhex(t, "signature", sv.Signature, 65)
	if sig[64] != 27 && sig[64] != 28 {
		t.Fatalf("signature v is %d, want 27 or 28", sig[64])
	}
	sig[64] -= 27
	pub, err := crypto.Ecrecover(digest, sig)
	if err != nil {
		t.Fatalf("ecrecover: %v", err)
	}
	addr := "0x" + hex.EncodeToString(keccak(pub[1:])[12:])
	if !strings.EqualFold(addr, sv.Signer) {
		t.Errorf("signature recovers %s, vector's signer is %s", addr, sv.Signer)
	}
}

// TestVectorsWithNode runs testdata/check-vectors.mjs, the same check of
// the record vector written in JavaScript.
func TestVectorsWithNode(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("DEVPROOF_NODE") == "required" {
			t.Fatal("node is not on PATH and DEVPROOF_NODE=required")
		}
		t.Skip("node is not on PATH; set DEVPROOF_NODE=required to fail instead")
	}
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, node, filepath.Join("testdata", "check-vectors.mjs")).CombinedOutput()
	if err != nil {
		t.Fatalf("node testdata/check-vectors.mjs: %v\n%s", err, out)
	}
	t.Logf("node: %s", bytes.TrimSpace(out))
}

func readVector(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// jcsText is RFC 8785 for what the vectors hold: objects with ASCII member
// names (so byte order is UTF-16 order), arrays, strings, numbers, bools.
func jcsText(t *testing.T, v any) string {
	t.Helper()
	var b strings.Builder
	var write func(v any)
	write = func(v any) {
		switch v := v.(type) {
		case nil:
			b.WriteString("null")
		case bool:
			b.WriteString(strconv.FormatBool(v))
		case string:
			b.WriteString(jcsQuote(v))
		case json.Number:
			f, err := strconv.ParseFloat(v.String(), 64)
			if err != nil || math.IsInf(f, 0) {
				t.Fatalf("number %s is not a finite double", v)
			}
			b.WriteString(esNumber(f))
		case []any:
			b.WriteByte('[')
			for i, e := range v {
				if i > 0 {
					b.WriteByte(',')
				}
				write(e)
			}
			b.WriteByte(']')
		case map[string]any:
			names := make([]string, 0, len(v))
			for k := range v {
				for _, r := range k {
					if r > 0x7f {
						t.Fatalf("member name %q is not ASCII; this check sorts bytes, not UTF-16", k)
					}
				}
				names = append(names, k)
			}
			sort.Strings(names)
			b.WriteByte('{')
			for i, k := range names {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteString(jcsQuote(k))
				b.WriteByte(':')
				write(v[k])
			}
			b.WriteByte('}')
		default:
			t.Fatalf("unexpected %T in vector", v)
		}
	}
	write(v)
	return b.String()
}

// jcsQuote escapes as RFC 8785 §3.2.2.2 says: '"', '\\' and control
// characters only.
func jcsQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

// esNumber is ECMAScript's Number::toString (RFC 8785 §3.2.2.3): shortest
// round-trip digits, fixed notation from 1e-6 up to 1e21, otherwise an
// exponent with a sign and no leading zeros.
func esNumber(f float64) string {
	if f == 0 {
		return "0"
	}
	if a := math.Abs(f); a >= 1e-6 && a < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	mant, exp, _ := strings.Cut(strconv.FormatFloat(f, 'e', -1, 64), "e")
	return mant + "e" + exp[:1] + strings.TrimLeft(exp[1:], "0")
}

func TestESNumber(t *testing.T) {
	for in, want := range map[float64]string{
		0.0123: "0.0123", 67: "67", 1e21: "1e+21", 1e-7: "1e-7", 0.000001: "0.000001",
		123456789012345680000: "123456789012345680000", 5e-324: "5e-324", math.Copysign(0, -1): "0", -1.5e300: "-1.5e+300",
	} {
		if got := esNumber(in); got != want {
			t.Errorf("esNumber(%v) = %s, want %s", in, got, want)
		}
	}
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return "0x" + hex.EncodeToString(h[:])
}

func keccak(parts ...[]byte) []byte { return crypto.Keccak256(parts...) }

// word is v as a 32-byte big-endian ABI word.
func word(v uint64) []byte {
	w := make([]byte, 32)
	binary.BigEndian.PutUint64(w[24:], v)
	return w
}

func leftPad(b []byte) []byte { return append(make([]byte, 32-len(b)), b...) }

// unhex decodes a 0x-prefixed field of n bytes (any length when n < 0).
func unhex(t *testing.T, field, s string, n int) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil || !strings.HasPrefix(s, "0x") {
		t.Fatalf("%s %q is not 0x-prefixed hex", field, s)
	}
	if n >= 0 && len(b) != n {
		t.Fatalf("%s %q is %d bytes, want %d", field, s, len(b), n)
	}
	return b
}
