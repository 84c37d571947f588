package ctmonitor

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/devproof/devproof/internal/atomicfile"
)

// State is the monitor's state directory, plain files written atomically
// (temp file, fsync, rename, fsync of the directory), so that a kill at
// any instant leaves each file whole, old or new:
//
//	logs/<id>/position.json      the next entry to process, and the tree
//	                             head every entry before it was verified in
//	logs/<id>/heads/<size>-<root>.json
//	                             every tree head seen, stored before use
//	logs/<id>/malformed/<index>  entries that did not parse
//	logs/<id>/errors/<time>.txt  failures, dated
//	logs/<id>/split-view-<time>/ two heads the log could not reconcile
//	certs/<tbs sha256>/          each matching certificate: cert.pem,
//	                             cert.json, cert.txt, and .notified once
//	                             its alert went out
//
// <id> is the sha256 of the log's URL, so no URL makes a bad path.
type State struct {
	Dir string
}

// Position is where a log's processing stands.
type Position struct {
	URL string `json:"url"`
	// Next is the first entry not yet processed: every entry before it
	// was hashed into Head.Root and matched.
	Next uint64 `json:"next"`
	// Head is the latest verified tree head: its signature checked and
	// proven consistent with the one before it.
	Head *TreeHead `json:"head,omitempty"`
}

func (s State) logDir(url string) string {
	sum := sha256.Sum256([]byte(url))
	return filepath.Join(s.Dir, "logs", hex.EncodeToString(sum[:16]))
}

// LoadPosition reads a log's position; a log never seen starts at zero.
func (s State) LoadPosition(url string) (Position, error) {
	path := filepath.Join(s.logDir(url), "position.json")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Position{URL: url}, nil
	}
	if err != nil {
		return Position{}, err
	}
	var p Position
	if err := json.Unmarshal(b, &p); err != nil {
		return Position{}, fmt.Errorf("%s: %w", path, err)
	}
	if p.URL != url {
		return Position{}, fmt.Errorf("%s: holds the position of %q, not %q", path, p.URL, url)
	}
	if p.Head != nil && p.Next > p.Head.Size {
		return Position{}, fmt.Errorf("%s: next entry %d is past its head's size %d", path, p.Next, p.Head.Size)
	}
	return p, nil
}

// SavePosition writes a log's position.
func (s State) SavePosition(p Position) error {
	return s.writeJSON(filepath.Join(s.logDir(p.URL), "position.json"), p)
}

// SaveHead stores a tree head as evidence, before the monitor relies on it.
func (s State) SaveHead(url string, h TreeHead) error {
	name := fmt.Sprintf("%d-%s.json", h.Size, hex.EncodeToString(h.Root[:]))
	return s.writeJSON(filepath.Join(s.logDir(url), "heads", name), h)
}

// SaveSplitView keeps two heads the log could not reconcile, and why.
func (s State) SaveSplitView(url string, a, b TreeHead, why error) (string, error) {
	dir := filepath.Join(s.logDir(url), "split-view-"+stamp())
	for name, v := range map[string]any{"a.json": a, "b.json": b, "reason.json": map[string]string{"log": url, "reason": why.Error()}} {
		if err := s.writeJSON(filepath.Join(dir, name), v); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// SaveMalformed keeps an entry that did not parse.
func (s State) SaveMalformed(url string, index uint64, der []byte) (string, error) {
	path := filepath.Join(s.logDir(url), "malformed", strconv.FormatUint(index, 10))
	return path, s.write(path, der)
}

// MalformedNotified reports whether the malformed entry's alert went out.
func (s State) MalformedNotified(url string, index uint64) bool {
	_, err := os.Stat(filepath.Join(s.logDir(url), "malformed", strconv.FormatUint(index, 10)+".notified"))
	return err == nil
}

// MarkMalformedNotified records that the malformed entry's alert went out.
func (s State) MarkMalformedNotified(url string, index uint64) error {
	return s.write(filepath.Join(s.logDir(url), "malformed", strconv.FormatUint(index, 10)+".notified"), []byte(stamp()+"\n"))
}

// SaveError records a failure in a dated file.
func (s State) SaveError(url string, err error) error {
	return s.write(filepath.Join(s.logDir(url), "errors", stamp()+".txt"), []byte(err.Error()+"\n"))
}

// certDir is where a certificate found is kept, by its TBS hash, so that a
// precertificate and its final certificate, in any log, share one.
func (s State) certDir(tbs string) string { return filepath.Join(s.Dir, "certs", tbs) }

// Notified reports whether the certificate's alert already went out.
func (s State) Notified(tbs string) bool {
	_, err := os.Stat(filepath.Join(s.certDir(tbs), ".notified"))
	return err == nil
}

// MarkNotified records that the certificate's alert went out.
func (s State) MarkNotified(tbs string) error {
	return s.write(filepath.Join(s.certDir(tbs), ".notified"), []byte(stamp()+"\n"))
}

func (s State) writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return s.write(path, append(b, '\n'))
}

func (s State) write(path string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return atomicfile.Write(path, b, 0o600)
}

func stamp() string { return time.Now().UTC().Format("20060102T150405.000000000Z") }

// SaveCert keeps a certificate found, as PEM, JSON (the finding) and
// text, setting f's CertFile, JSONFile and TextFile (certspotter's
// CERT_FILENAME, JSON_FILENAME and TEXT_FILENAME). Saving again rewrites
// the same files.
func (s State) SaveCert(f *Finding) error {
	c := f.Cert
	dir := s.certDir(c.TBSSHA256)
	f.CertFile, f.JSONFile, f.TextFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "cert.json"), filepath.Join(dir, "cert.txt")
	typ := "CERTIFICATE"
	if c.Precert {
		typ = "PRECERTIFICATE TBS"
	}
	if err := s.write(f.CertFile, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: c.DER})); err != nil {
		return err
	}
	if err := s.write(f.TextFile, []byte(f.Summary+"\n")); err != nil {
		return err
	}
	// The JSON last: SavedFindings counts a certificate once it is there.
	return s.writeJSON(f.JSONFile, f)
}

// SavedFindings reads back the findings kept for every certificate found.
func (s State) SavedFindings() ([]Finding, error) {
	dirs, err := os.ReadDir(filepath.Join(s.Dir, "certs"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Finding
	for _, d := range dirs {
		path := filepath.Join(s.Dir, "certs", d.Name(), "cert.json")
		b, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue // killed before its first file was written; found again on resume
		}
		if err != nil {
			return nil, err
		}
		var f Finding
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, f)
	}
	return out, nil
}
