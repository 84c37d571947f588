package teesim_test

import (
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"testing"

	"github.com/devproof/devproof/internal/attest"
	"github.com/devproof/devproof/internal/tee"
	"github.com/devproof/devproof/internal/teesim"
)

func TestGetTlsKeyRATLS(t *testing.T) {
	sim, err := teesim.New(teesim.Config{Seed: []byte("ratls")})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := sim.GetTlsKey(tee.GetTlsKeyRequest{Subject: "app.devproof.test", AltNames: []string{"app.devproof.test"}, UsageRaTls: true, UsageServerAuth: true})
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode([]byte(resp.CertificateChain[0]))
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	var quoteExt, logExt bool
	for _, e := range cert.Extensions {
		quoteExt = quoteExt || e.Id.Equal(attest.OIDRATLSQuote)
		logExt = logExt || e.Id.Equal(attest.OIDRATLSEventLog)
	}
	if !quoteExt || !logExt {
		t.Fatalf("quote extension %v, event log extension %v; want both", quoteExt, logExt)
	}
	ev, err := attest.RATLSEvidence(cert)
	if err != nil {
		t.Fatal(err)
	}
	rd := attest.RATLSReportData(cert.RawSubjectPublicKeyInfo)
	rep, err := attest.Check(ev, attest.CheckOptions{ReportData: &rd})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK(true) {
		t.Fatalf("report %+v", rep)
	}
	id := sim.AppID()
	if rep.RTMR3Replay != "match" || rep.AppID != hex.EncodeToString(id[:]) {
		t.Errorf("replay %s, app id %s; want match, %x", rep.RTMR3Replay, rep.AppID, id)
	}

	plain, err := sim.GetTlsKey(tee.GetTlsKeyRequest{Subject: "app.devproof.test", UsageServerAuth: true})
	if err != nil {
		t.Fatal(err)
	}
	block, _ = pem.Decode([]byte(plain.CertificateChain[0]))
	cert, err = x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := attest.RATLSEvidence(cert); !errors.Is(err, attest.ErrNoRATLS) {
		t.Errorf("certificate without usage_ra_tls: %v, want ErrNoRATLS", err)
	}
}
