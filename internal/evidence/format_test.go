package evidence

import (
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/jcs"
	"github.com/devproof/devproof/internal/tee"
)

// The worked examples of VERIFYING.md; sha512sum and sha256sum give the
// same values.
func TestReportDataVectors(t *testing.T) {
	manifest := `{"acme_account_uri":"https://ca.example/acct/1","app_id":"00","compose_hash":"00","created_at":"2026-01-01T00:00:00Z","domains":["a.example"],"instance_id":"00","version":1}`
	for _, tc := range []struct {
		name string
		got  [64]byte
		want string
	}{
		{"spki", SPKIReportData("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
			"b8d79f86d0be8c31037f4aed24434811654787de350e6b83bb41e0fbebe7073a55001f4a16063d1613ae0de600d0bc87ef82437d97653f4a1be0b11268f9214c"},
		{"manifest", ManifestReportData([]byte(manifest)),
			"5b5052b5724b2894b3bb275fc56a21c01c65e0d615e523085de6fe00cd6f21f6f90f1bf63d4642d71311d285c0f450d46d1cb39fe3a192ea1f182224ad4f1f30"},
		{"signer", SignerReportData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
			"62bbd95e1d31bbf0576c978ca6acab5b677966b0b86362ffc9634d036c85c663ba87d1155537fa129106990b878e1973abf2da76cff5f5dab909ad8227c28c12"},
		{"sums", SumsReportData([]byte("90a04d9acfff0cfcb2f6501cc5f8efd206de72eea5b8e4f3f90f16122b295130  acme-account.json\n")),
			"8346d453bc99f70efb327bc9b3ee4bb7da7a77252ff170d6eed4e25b2503e870" + strings.Repeat("00", 32)},
	} {
		if got := hex.EncodeToString(tc.got[:]); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	m := Manifest{Version: 1, AppID: "00", InstanceID: "00", ComposeHash: "00", Domains: []string{"a.example"},
		ACMEAccountURI: "https://ca.example/acct/1", CreatedAt: "2026-01-01T00:00:00Z"}
	if b, err := jcs.Marshal(m); err != nil || string(b) != manifest {
		t.Errorf("canonical manifest %s, %v; want %s", b, err, manifest)
	}
}

// recordingQuoter answers like GetQuote, echoing the report data,
// and records each request.
type recordingQuoter struct {
	mu    sync.Mutex
	asked [][]byte
	err   error
}

func (q *recordingQuoter) GetQuote(_ context.Context, rd []byte) (*tee.GetQuoteResponse, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.err != nil {
		return nil, q.err
	}
	q.asked = append(q.asked, slices.Clone(rd))
	return &tee.GetQuoteResponse{Quote: "04", ReportData: hex.EncodeToString(rd)}, nil
}

func TestKeysAdd(t *testing.T) {
	ctx := context.Background()
	q := &recordingQuoter{}
	leaf := &x509.Certificate{RawSubjectPublicKeyInfo: []byte("spki")}
	spki := fmt.Sprintf("%x", sha256.Sum256([]byte("spki")))
	if SPKIHash(leaf) != spki {
		t.Fatalf("SPKIHash = %s, want %s", SPKIHash(leaf), spki)
	}
	k := &Keys{Version: 1}
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("x", 3600))
	added, err := k.Add(ctx, q, leaf, []string{"a.example"}, now)
	if err != nil || !added || len(k.Keys) != 1 {
		t.Fatalf("first Add: %v %v %+v", added, err, k.Keys)
	}
	rd := SPKIReportData(spki)
	if got := k.Keys[0]; got.SPKISHA256 != spki || got.FirstSeen != "2026-01-02T02:04:05Z" || got.Quote.ReportData != hex.EncodeToString(rd[:]) {
		t.Errorf("entry %+v", got)
	}
	// A known key is not quoted again; it gains only the domains it lacked.
	added, err = k.Add(ctx, q, leaf, []string{"a.example", "b.example"}, now.Add(time.Hour))
	if err != nil || added || len(q.asked) != 1 || !slices.Equal(k.Keys[0].Domains, []string{"a.example", "b.example"}) {
		t.Errorf("second Add: added=%v err=%v quotes=%d domains=%q", added, err, len(q.asked), k.Keys[0].Domains)
	}
	q.err = errors.New("quoting enclave unreachable")
	_, err = k.Add(ctx, q, &x509.Certificate{RawSubjectPublicKeyInfo: []byte("other")}, nil, now)
	if err == nil || !strings.Contains(err.Error(), "quoting TLS key") || len(k.Keys) != 1 {
		t.Errorf("Add when quoting fails: %v, %d keys", err, len(k.Keys))
	}
}
