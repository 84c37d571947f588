package ctlog

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/google/certificate-transparency-go/client"
	"github.com/google/certificate-transparency-go/jsonclient"
	"github.com/google/certificate-transparency-go/loglist3"
	"go.uber.org/goleak"

	"github.com/devproof/devproof/internal/localca"
)

// TestRFC6962LogAcceptsAndServes submits a precertificate and its final
// certificate, waits for the sequencer to merge them, and reads them back
// under a tree head signed by the log's key; Close leaves no goroutine.
func TestRFC6962LogAcceptsAndServes(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	defer ca.Close()
	l, err := StartRFC6962("local rfc6962", "devproof", ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if l.ID != sha256.Sum256(l.KeyDER) {
		t.Fatal("log id is not the key's sha256")
	}

	cert, err := ca.IssueLogged(ctx, []localca.SCTSource{l}, "a.example.test")
	if err != nil {
		t.Fatal(err)
	}
	sct, err := l.AddChain(ctx, cert.Certificate)
	if err != nil {
		t.Fatal(err)
	}
	if sct.LogID.KeyID != l.ID {
		t.Fatalf("SCT names log %x, want %x", sct.LogID.KeyID, l.ID)
	}
	if _, err := l.AddChain(ctx, [][]byte{[]byte("junk")}); err == nil || !strings.Contains(err.Error(), "HTTP 400") {
		t.Fatalf("junk chain: got %v, want HTTP 400", err)
	}

	lc, err := client.New(l.URL, http.DefaultClient, jsonclient.Options{PublicKeyDER: l.KeyDER})
	if err != nil {
		t.Fatal(err)
	}
	var sth *ct.SignedTreeHead
	for {
		if sth, err = lc.GetSTH(ctx); err != nil {
			t.Fatal(err)
		}
		if sth.TreeSize == 2 {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("tree size %d, want 2", sth.TreeSize)
		case <-time.After(50 * time.Millisecond):
		}
	}
	entries, err := lc.GetEntries(ctx, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	types := map[ct.LogEntryType]bool{}
	for _, e := range entries {
		types[e.Leaf.TimestampedEntry.EntryType] = true
	}
	if len(entries) != 2 || !types[ct.PrecertLogEntryType] || !types[ct.X509LogEntryType] {
		t.Fatalf("entries: %d, types %v; want a precertificate and a certificate", len(entries), types)
	}
}

// TestLogListWithListsRFC6962Logs checks that an RFC 6962 log appears in
// its operator's logs array and parses with loglist3.
func TestLogListWithListsRFC6962Logs(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	defer ca.Close()
	l, err := StartRFC6962("local rfc6962", "devproof", ca.RootPEM())
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	doc := LogListWith("1.0", nil, []*RFC6962Log{l})
	list, err := loglist3.NewFromJSON(doc)
	if err != nil {
		t.Fatalf("%v\n%s", err, doc)
	}
	if len(list.Operators) != 1 || len(list.Operators[0].Logs) != 1 {
		t.Fatalf("log list: %s", doc)
	}
	got := list.Operators[0].Logs[0]
	if got.URL != l.URL || string(got.Key) != string(l.KeyDER) || string(got.LogID) != string(l.ID[:]) || got.State.LogStatus() != loglist3.UsableLogStatus {
		t.Fatalf("listed log: %+v", got)
	}
	if !strings.Contains(string(doc), base64.StdEncoding.EncodeToString(l.KeyDER)) {
		t.Fatal("key missing from the list")
	}
}
