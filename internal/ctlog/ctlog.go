package ctlog

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	ct "github.com/google/certificate-transparency-go"
	"github.com/transparency-dev/tessera"
	tposix "github.com/transparency-dev/tessera/storage/posix"
	"github.com/transparency-dev/tesseract"
	"github.com/transparency-dev/tesseract/storage"
	"github.com/transparency-dev/tesseract/storage/posix"
	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/mod/sumdb/note"
	"k8s.io/klog/v2"
)

// Log is a running local log.
type Log struct {
	Description string
	Operator    string
	// URL is the submission prefix (…/ct/v1/add-pre-chain under it).
	URL string
	// MonitoringURL is the static-ct-api read prefix: checkpoint,
	// tile/<L>/<N>, tile/data/<N> and issuer/<sha256 hex> under it, served
	// as plain files from the log's directory.
	MonitoringURL string
	// Origin is the checkpoint origin line, the log's name in its signed
	// notes.
	Origin string
	// KeyDER is the log's public key (SubjectPublicKeyInfo); ID is its
	// sha256, the log id in SCTs.
	KeyDER []byte
	ID     [32]byte
	key    *ecdsa.PrivateKey
	srv    *httptest.Server
	cancel context.CancelFunc

	// TesseraCT v0.1.1's issuer cache reads its size unlocked while a
	// submission stores a new issuer; until a submission has stored one,
	// submissions go one at a time so concurrent callers do not race.
	first sync.Mutex
	warm  atomic.Bool
}

// Start runs a log storing its tiles under dir, accepting chains that end
// at a root in rootsPEM.
func Start(dir, description, operator string, rootsPEM []byte) (*Log, error) {
	// The issuer directory exists before the first submission: TesseraCT's
	// POSIX issuer storage fails concurrent submissions that race to
	// create it.
	if err := os.MkdirAll(filepath.Join(dir, "issuer"), 0o755); err != nil {
		return nil, err
	}
	roots := filepath.Join(dir, "roots.pem")
	if err := os.WriteFile(roots, rootsPEM, 0o644); err != nil {
		return nil, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return nil, err
	}
	// TesseraCT logs through klog; the stand-in keeps quiet.
	klog.LogToStderr(false)
	klog.SetOutput(io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	newStorage := func(ctx context.Context, signer note.Signer) (*storage.CTStorage, error) {
		driver, err := tposix.New(ctx, tposix.Config{Path: dir})
		if err != nil {
			return nil, fmt.Errorf("tessera POSIX storage: %w", err)
		}
		opts := tessera.NewAppendOptions().
			WithCheckpointSigner(signer).
			WithCTLayout().
			WithCheckpointInterval(200*time.Millisecond).
			WithBatching(256, 50*time.Millisecond)
		appender, _, reader, err := tessera.NewAppender(ctx, driver, opts)
		if err != nil {
			return nil, fmt.Errorf("tessera appender: %w", err)
		}
		issuers, err := posix.NewIssuerStorage(ctx, dir)
		if err != nil {
			return nil, fmt.Errorf("issuer storage: %w", err)
		}
		return storage.NewCTStorage(ctx, &storage.CTStorageOptions{Appender: appender, Reader: reader, IssuerStorage: issuers})
	}
	origin := "ct.devproof.test/" + filepath.Base(dir)
	h, err := tesseract.NewLogHandler(ctx, origin, key, tesseract.ChainValidationConfig{RootsPEMFile: roots}, newStorage, 10*time.Second, false, "", tesseract.LogHandlerOpts{})
	if err != nil {
		cancel()
		return nil, fmt.Errorf("TesseraCT: %w", err)
	}
	l := &Log{Description: description, Operator: operator, Origin: origin, KeyDER: der, ID: sha256.Sum256(der), key: key, cancel: cancel}
	// TesseraCT answers only the write path; the read path is the files
	// its POSIX storage writes, as a static-ct-api log serves them.
	mux := http.NewServeMux()
	files := http.StripPrefix("/monitor", http.FileServer(http.Dir(dir)))
	for _, p := range []string{"GET /monitor/checkpoint", "GET /monitor/tile/", "GET /monitor/issuer/"} {
		mux.Handle(p, files)
	}
	mux.Handle("/", h)
	l.srv = httptest.NewServer(mux)
	l.URL = l.srv.URL + "/"
	l.MonitoringURL = l.srv.URL + "/monitor/"
	return l, nil
}

// Close stops the log.
func (l *Log) Close() {
	l.srv.Close()
	l.cancel()
}

// AddPreChain submits a precertificate chain (DER, precertificate first)
// and returns the log's SCT.
func (l *Log) AddPreChain(ctx context.Context, chain [][]byte) (*ct.SignedCertificateTimestamp, error) {
	return l.add(ctx, "add-pre-chain", chain)
}

// AddChain submits a final certificate's chain (DER, certificate first)
// and returns the log's SCT.
func (l *Log) AddChain(ctx context.Context, chain [][]byte) (*ct.SignedCertificateTimestamp, error) {
	return l.add(ctx, "add-chain", chain)
}

func (l *Log) add(ctx context.Context, endpoint string, chain [][]byte) (*ct.SignedCertificateTimestamp, error) {
	if !l.warm.Load() {
		l.first.Lock()
		defer l.first.Unlock()
	}
	sct, err := l.post(ctx, endpoint, chain)
	if err == nil {
		l.warm.Store(true)
	}
	return sct, err
}

func (l *Log) post(ctx context.Context, endpoint string, chain [][]byte) (*ct.SignedCertificateTimestamp, error) {
	req := ct.AddChainRequest{}
	for _, der := range chain {
		req.Chain = append(req.Chain, der)
	}
	body, _ := json.Marshal(req)
	hr, err := http.NewRequestWithContext(ctx, http.MethodPost, l.URL+"ct/v1/"+endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	hr.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(hr)
	if err != nil {
		return nil, fmt.Errorf("CT log %s: %w", l.Description, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("CT log %s: %s: HTTP %d: %s", l.Description, endpoint, resp.StatusCode, b)
	}
	var r ct.AddChainResponse
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("CT log %s: %s reply: %w", l.Description, endpoint, err)
	}
	return r.ToSignedCertificateTimestamp()
}

// LogList is a loglist3 document listing logs as usable tiled logs, by
// operator.
func LogList(version string, logs ...*Log) []byte { return LogListWith(version, logs, nil) }

// SignCheckpoint signs, with the log's own key, a checkpoint for any tree
// the caller names, as a log showing a split view would: tests serve it
// beside the real one to see a monitor catch the log.
func (l *Log) SignCheckpoint(size uint64, root [32]byte, at time.Time) ([]byte, error) {
	text := fmt.Sprintf("%s\n%d\n%s\n", l.Origin, size, base64.StdEncoding.EncodeToString(root[:]))
	return note.Sign(&note.Note{Text: text}, &checkpointSigner{l: l, size: size, root: root, at: at})
}

// checkpointSigner makes the RFC6962NoteSignature of C2SP static-ct-api:
// a timestamp and an RFC 6962 §3.5 TreeHeadSignature, under the key id
// sha256(origin || "\n" || 0x05 || log id)[:4].
type checkpointSigner struct {
	l    *Log
	size uint64
	root [32]byte
	at   time.Time
}

func (s *checkpointSigner) Name() string { return s.l.Origin }

func (s *checkpointSigner) KeyHash() uint32 {
	h := sha256.New()
	h.Write([]byte(s.l.Origin))
	h.Write([]byte{'\n', 0x05})
	h.Write(s.l.ID[:])
	return binary.BigEndian.Uint32(h.Sum(nil))
}

func (s *checkpointSigner) Sign([]byte) ([]byte, error) {
	ts := uint64(s.at.UnixMilli())
	var th cryptobyte.Builder
	th.AddUint8(0) // v1
	th.AddUint8(1) // tree_hash
	th.AddUint64(ts)
	th.AddUint64(s.size)
	th.AddBytes(s.root[:])
	msg, err := th.Bytes()
	if err != nil {
		return nil, err
	}
	digest := sha256.Sum256(msg)
	sig, err := ecdsa.SignASN1(rand.Reader, s.l.key, digest[:])
	if err != nil {
		return nil, err
	}
	var b cryptobyte.Builder
	b.AddUint64(ts)
	b.AddUint8(4) // SHA-256
	b.AddUint8(3) // ECDSA
	b.AddUint16LengthPrefixed(func(b *cryptobyte.Builder) { b.AddBytes(sig) })
	return b.Bytes()
}
