package notary

import (
	"context"
	"crypto/tls"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/devproof/devproof/notary/ctpolicy"
)

// The benchmarks fetch one local source whose certificate a local CA logged
// to two local TesseraCT logs (SCTs embedded) and whose CRL it serves. Each
// fetch opens a new TLS connection, as the notary does.

// plainGet is the baseline: a plain Go HTTPS GET, trusting the same root
// and dialling the same way.
func plainGet(b *testing.B, src *source) {
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: src.ca.Pool()}, ForceAttemptHTTP2: true, DialContext: src.client().DialContext}
	resp, err := (&http.Client{Transport: tr, Timeout: 5 * time.Second}).Get(src.url("/price"))
	if err != nil {
		b.Fatal(err)
	}
	io.ReadAll(resp.Body)
	resp.Body.Close()
	tr.CloseIdleConnections()
}

// hardened is the notary with every check required: path, host name, CT
// against the local logs' list, and the CRL (cached after the first fetch).
func hardened(b *testing.B) (*source, *Client, *Signer) {
	src, list := newLoggedSource(b)
	s, _ := signer(b)
	c := src.client()
	c.Timeout = 5 * time.Second
	c.CT, c.LogList = Require, list
	return src, c, s
}

func notarize(b *testing.B, src *source, c *Client, s *Signer) {
	d := Domain{ChainID: big.NewInt(1), VerifyingContract: common.Address{}}
	if _, err := Notarize(context.Background(), c, s, d, Request{URL: src.url("/price")}, "/result/price", common.Hash{}); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkPlainGet(b *testing.B) {
	src, _ := newLoggedSource(b)
	for b.Loop() {
		plainGet(b, src)
	}
}

// BenchmarkNotarize is a hardened, recorded, signed fetch: the checks,
// the session record, JSON extraction and an EIP-712 signature.
func BenchmarkNotarize(b *testing.B) {
	src, c, s := hardened(b)
	for b.Loop() {
		notarize(b, src, c, s)
	}
}

// The parallel pair is throughput: ns/op is wall time per fetch with
// GOMAXPROCS fetches in flight.
func BenchmarkPlainGetParallel(b *testing.B) {
	src, _ := newLoggedSource(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			plainGet(b, src)
		}
	})
}

func BenchmarkNotarizeParallel(b *testing.B) {
	src, c, s := hardened(b)
	notarize(b, src, c, s) // fill the CRL cache before the clock starts
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			notarize(b, src, c, s)
		}
	})
}

// BenchmarkSignStatement is the statement-signing rate alone.
func BenchmarkSignStatement(b *testing.B) {
	s, _ := signer(b)
	d := Domain{ChainID: big.NewInt(1)}
	st := &Statement{Value: Outcome(true), ObservedAt: 1, MarketID: MarketID("m")}
	for b.Loop() {
		if _, err := s.Sign(st, d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCTPolicy is the per-connection CT cost for a real chain with
// two embedded SCTs (two signature verifications).
func BenchmarkCTPolicy(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "testdata", "ct")
	pemBytes, err := os.ReadFile(filepath.Join(dir, "google-com-chain-2025-07.pem"))
	if err != nil {
		b.Skip("real-world test data absent")
	}
	chain, _ := ParseChainPEM(pemBytes)
	list, err := ctpolicy.LoadLogList(filepath.Join(dir, "chrome-log-list-v63.23.json"))
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2025, 8, 22, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		if r, err := ctpolicy.Evaluate(chain, nil, list, at); err != nil || !r.OK {
			b.Fatal(err)
		}
	}
}
