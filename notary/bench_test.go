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

// BenchmarkPlainGet is the baseline: a plain Go HTTPS GET of the same local
// source over a new connection each time, trusting the same root.
func BenchmarkPlainGet(b *testing.B) {
	src := newSource(&testing.T{}, nil)
	defer src.srv.Close()
	u := "https://" + src.srv.Listener.Addr().String() + "/price"
	for b.Loop() {
		tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: src.ca.Pool()}, ForceAttemptHTTP2: true}
		resp, err := (&http.Client{Transport: tr, Timeout: 5 * time.Second}).Get(u)
		if err != nil {
			b.Fatal(err)
		}
		io.ReadAll(resp.Body)
		resp.Body.Close()
		tr.CloseIdleConnections()
	}
}

// BenchmarkNotarize is a hardened, recorded, signed fetch of the same
// source: path, host name, CRL (cached after the first), session record,
// JSON extraction and an EIP-712 signature.
func BenchmarkNotarize(b *testing.B) {
	t := &testing.T{}
	src := newSource(t, nil)
	defer src.srv.Close()
	s, _ := signer(t)
	c := src.client()
	c.Timeout = 5 * time.Second
	u := "https://" + src.srv.Listener.Addr().String() + "/price"
	c.DialContext = nil
	d := Domain{ChainID: big.NewInt(1), VerifyingContract: common.Address{}}
	for b.Loop() {
		if _, err := Notarize(context.Background(), c, s, d, Request{URL: u}, "/result/price", common.Hash{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignStatement is the statement-signing rate alone.
func BenchmarkSignStatement(b *testing.B) {
	s, _ := signer(&testing.T{})
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
