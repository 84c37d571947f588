package ctmonitor

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/google/certificate-transparency-go/loglist3"
	cttls "github.com/google/certificate-transparency-go/tls"
	ctx509 "github.com/google/certificate-transparency-go/x509"
	"golang.org/x/crypto/cryptobyte"
)

// SCTIndex is an embedded SCT that names the entry it was logged as: its
// log, and the leaf_index extension static-ct-api logs add.
type SCTIndex struct {
	LogID     [32]byte
	Index     uint64
	Timestamp time.Time
}

// SCTIndexes reads a certificate's embedded SCTs and returns those that
// carry a leaf_index.
func SCTIndexes(certDER []byte) ([]SCTIndex, error) {
	c, err := ctx509.ParseCertificate(certDER)
	if c == nil {
		return nil, fmt.Errorf("certificate: %w", err)
	}
	var out []SCTIndex
	for i, raw := range c.SCTList.SCTList {
		var sct ct.SignedCertificateTimestamp
		if rest, err := cttls.Unmarshal(raw.Val, &sct); err != nil || len(rest) > 0 {
			return nil, fmt.Errorf("embedded SCT %d: malformed", i)
		}
		idx, err := leafIndex(cryptobyte.String(sct.Extensions))
		switch {
		case errors.Is(err, errNoLeafIndex):
		case err != nil:
			return nil, fmt.Errorf("embedded SCT %d: %w", i, err)
		default:
			out = append(out, SCTIndex{LogID: sct.LogID.KeyID, Index: idx, Timestamp: time.UnixMilli(int64(sct.Timestamp)).UTC()})
		}
	}
	return out, nil
}

// LogByID finds the log a log list names by its log id.
func LogByID(doc []byte, source string, id [32]byte, client *http.Client) (Log, error) {
	ll, err := loglist3.NewFromJSON(doc)
	if err != nil {
		return nil, fmt.Errorf("log list %s: %w", source, err)
	}
	if l := ll.FindTiledLogByKeyHash(id); l != nil {
		return NewTiledLog(l.MonitoringURL, Origin(l.SubmissionURL), l.Key, client)
	}
	if l := ll.FindLogByKeyHash(id); l != nil {
		return NewRFC6962Log(l.URL, l.Key, client)
	}
	return nil, fmt.Errorf("log list %s names no log with id %x", source, id)
}

// CheckInclusion proves that certDER was logged in l at s.Index: it reads
// that entry under a tree head whose signature was checked, hashed into
// its root, and requires it to be this certificate's precertificate or
// the certificate itself (the same TBS, poison and SCT list aside) with
// the SCT's timestamp. It returns the head the proof is under.
func CheckInclusion(ctx context.Context, l Log, certDER []byte, s SCTIndex) (TreeHead, error) {
	want, err := ParseCert(certDER, false)
	if err != nil {
		return TreeHead{}, err
	}
	head, err := l.Head(ctx)
	if err != nil {
		return TreeHead{}, err
	}
	if s.Index >= head.Size {
		return head, fmt.Errorf("log %s: entry %d is not in its latest tree (size %d) yet", l.URL(), s.Index, head.Size)
	}
	var got *Entry
	err = l.Entries(ctx, head, s.Index, s.Index+1, func(e Entry) error { got = &e; return nil })
	if err != nil {
		return head, err
	}
	if got == nil {
		return head, fmt.Errorf("log %s: entry %d was not delivered", l.URL(), s.Index)
	}
	c, err := ParseCert(got.Cert, got.Precert)
	if err != nil {
		return head, fmt.Errorf("log %s: entry %d: %w", l.URL(), s.Index, err)
	}
	if c.TBSSHA256 != want.TBSSHA256 {
		return head, fmt.Errorf("log %s: entry %d is another certificate (TBS %s, want %s)", l.URL(), s.Index, c.TBSSHA256, want.TBSSHA256)
	}
	if !got.Timestamp.Equal(s.Timestamp) {
		return head, fmt.Errorf("log %s: entry %d was logged at %s, the SCT says %s", l.URL(), s.Index, got.Timestamp, s.Timestamp)
	}
	return head, nil
}
