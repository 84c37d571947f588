package evidence

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/devproof/devproof/internal/tee"
)

// Build writes dstack-ingress's files in the bytes its scripts produce,
// and binds each quote to the content named by the format.
func TestBuildFormats(t *testing.T) {
	q := &recordingQuoter{}
	in := Input{
		Manifest: Manifest{Version: 1, AppID: "aa", InstanceID: "bb", ComposeHash: "cc", Domains: []string{"a.example", "*.w.example"},
			ACMEAccountURI: "https://ca.example/acct/7", CreatedAt: "2026-01-01T00:00:00Z"},
		Certs:   map[string][]byte{"a.example": []byte("A\n"), "*.w.example": []byte("W\n")},
		Contact: []string{"mailto:ops@a.example"},
		Keys:    &Keys{Version: 1, AppID: "aa", Keys: []Key{}},
	}
	files, err := Build(context.Background(), q, in)
	if err != nil {
		t.Fatal(err)
	}
	wantAccount := "{\n  \"body\": {\n    \"status\": \"valid\",\n    \"contact\": [\n      \"mailto:ops@a.example\"\n    ]\n  },\n  \"uri\": \"https://ca.example/acct/7\"\n}\n"
	if string(files[AccountFile]) != wantAccount {
		t.Errorf("acme-account.json:\n%s", files[AccountFile])
	}
	// The account first, then the certificates as the C-locale glob sorts.
	wantSums := fmt.Sprintf("%x  acme-account.json\n%x  cert-*.w.example.pem\n%x  cert-a.example.pem\n",
		sha256.Sum256([]byte(wantAccount)), sha256.Sum256([]byte("W\n")), sha256.Sum256([]byte("A\n")))
	if string(files[SumsFile]) != wantSums {
		t.Errorf("sha256sum.txt:\n%s\nwant:\n%s", files[SumsFile], wantSums)
	}
	wantManifest := `{"acme_account_uri":"https://ca.example/acct/7","app_id":"aa","compose_hash":"cc","created_at":"2026-01-01T00:00:00Z","domains":["a.example","*.w.example"],"instance_id":"bb","version":1}`
	if string(files[ManifestFile]) != wantManifest {
		t.Errorf("manifest.json:\n%s\nwant:\n%s", files[ManifestFile], wantManifest)
	}
	for name, rd := range map[string][64]byte{QuoteFile: SumsReportData([]byte(wantSums)), ManifestQuoteFile: ManifestReportData([]byte(wantManifest))} {
		var r tee.GetQuoteResponse
		if err := json.Unmarshal(files[name], &r); err != nil || r.ReportData != hex.EncodeToString(rd[:]) || !strings.HasSuffix(string(files[name]), "}\n") {
			t.Errorf("%s binds %s (%v), want %x", name, r.ReportData, err, rd)
		}
	}
	if string(files[KeysFile]) != "{\n  \"version\": 1,\n  \"app_id\": \"aa\",\n  \"keys\": []\n}\n" {
		t.Errorf("keys.json:\n%s", files[KeysFile])
	}
	if len(files) != 8 {
		t.Errorf("%d files, want 8", len(files))
	}
	in.Keys = nil
	if files, _ = Build(context.Background(), q, in); files[KeysFile] != nil {
		t.Errorf("keys.json written without keys")
	}
	q.err = errors.New("quoting enclave unreachable")
	if _, err := Build(context.Background(), q, in); err == nil || !strings.Contains(err.Error(), "quoting quote.json") {
		t.Errorf("Build when quoting fails: %v", err)
	}
}
