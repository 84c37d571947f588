package ctmonitor

import (
	"bytes"
	"testing"

	ct "github.com/google/certificate-transparency-go"
	cttls "github.com/google/certificate-transparency-go/tls"

	"github.com/devproof/devproof/internal/localca"
)

// FuzzParseLeaf: any get-entries leaf_input either parses into the entry
// it holds, or is refused; it never panics.
func FuzzParseLeaf(f *testing.F) {
	ca, err := localca.New()
	if err != nil {
		f.Fatal(err)
	}
	defer ca.Close()
	cert, err := ca.Issue("app.devproof.test")
	if err != nil {
		f.Fatal(err)
	}
	for _, te := range []ct.TimestampedEntry{
		{Timestamp: 1700000000000, EntryType: ct.X509LogEntryType, X509Entry: &ct.ASN1Cert{Data: cert.Certificate[0]}},
		{Timestamp: 1700000000001, EntryType: ct.PrecertLogEntryType, PrecertEntry: &ct.PreCert{TBSCertificate: cert.Leaf.RawTBSCertificate}},
	} {
		b, err := cttls.Marshal(ct.MerkleTreeLeaf{Version: ct.V1, LeafType: ct.TimestampedEntryLeafType, TimestampedEntry: &te})
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)-3])
		f.Add(append(bytes.Clone(b), 0))
	}
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, leaf []byte) {
		e, err := parseLeaf(leaf)
		if err != nil {
			return
		}
		var orig ct.MerkleTreeLeaf
		if _, err := cttls.Unmarshal(leaf, &orig); err != nil {
			t.Fatalf("parsed, but does not unmarshal: %v", err)
		}
		var want []byte
		if e.Precert {
			want = orig.TimestampedEntry.PrecertEntry.TBSCertificate
		} else {
			want = orig.TimestampedEntry.X509Entry.Data
		}
		if !bytes.Equal(e.Cert, want) || e.Timestamp.UnixMilli() != int64(orig.TimestampedEntry.Timestamp) {
			t.Fatal("the entry differs from the leaf it was parsed from")
		}
	})
}
