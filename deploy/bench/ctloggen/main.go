// Command ctloggen writes a local static-ct-api log for the CT monitor
// benchmark (deploy/bench/ctmonitor.sh) and serves it.
//
//	ctloggen write -dir log -out meta -n 1000192 -url http://127.0.0.1/ct/bench/
//	ctloggen serve -dir log -url http://127.0.0.1/ct/bench/
//	ctloggen serve -dir logs -url http://127.0.0.1/ct/   (logs/bench/…)
//
// write appends N entries (N a multiple of 256, so that every data tile is
// full) straight into Tessera's POSIX storage in the static-ct-api layout,
// with no HTTP and no chain validation, and has TesseraCT sign the
// checkpoint (RFC6962NoteSignature) for the origin the URL gives: the URL
// without its scheme and trailing slash, as monitors derive it from a log
// list's submission_url. The entries are certificates and precertificates
// from a throwaway CA: a pool of distinct unwatched ones, repeated, and
// every EVERY-th entry a fresh one for hostNNN.watched.test. Into -out it
// writes loglist.json (the log under tiled_logs, usable), watchlist.txt,
// roots.pem (the CA, which TesseraCT asks for though nothing is validated)
// and expected.txt, one line per watched entry: the SHA-256 of its
// TBSCertificate with the CT poison removed, its index, its kind and name.
//
// serve is a static file server: GETs under the URL's path answer with
// the files under the directory, as a static-ct-api log's read path is
// served. TLS is left out: both monitors read over plain HTTP alike.
package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	ctx509 "github.com/google/certificate-transparency-go/x509"
	"github.com/transparency-dev/tessera"
	"github.com/transparency-dev/tessera/ctonly"
	tposix "github.com/transparency-dev/tessera/storage/posix"
	"github.com/transparency-dev/tesseract"
	"github.com/transparency-dev/tesseract/storage"
	"github.com/transparency-dev/tesseract/storage/posix"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/sync/errgroup"
	"k8s.io/klog/v2"
)

const usage = `usage:
  ctloggen write -dir DIR -out DIR -url URL [-n 1000192] [-every 10000] [-pool 8192] [-jobs 6]
  ctloggen serve -dir DIR -url URL`

func main() {
	log.SetFlags(0)
	log.SetPrefix("ctloggen: ")
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "write":
		err = write(os.Args[2:])
	case "serve":
		err = serve(os.Args[2:])
	default:
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// prefix checks a log URL: http(s), a host, a path ending in "/".
func prefix(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !strings.HasSuffix(u.Path, "/") {
		return nil, fmt.Errorf("-url %q: want an http(s) prefix ending in /", raw)
	}
	if u.Port() != "" {
		// The origin is the URL without its scheme, and TesseraCT refuses
		// an origin that does not parse as a scheme-less URL, as
		// "host:port/path" does not.
		return nil, fmt.Errorf("-url %q: the log must be served on the scheme's default port (a 127.x.y.z address is free to pick)", raw)
	}
	return u, nil
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ExitOnError)
	dir := fs.String("dir", "", "directory to serve (one log, or several in subdirectories)")
	rawURL := fs.String("url", "", "the prefix to serve it at, http://127.0.0.1/PATH/")
	fs.Parse(args)
	u, err := prefix(*rawURL)
	if err != nil {
		return err
	}
	return http.ListenAndServe(net.JoinHostPort(u.Hostname(), map[string]string{"http": "80", "https": "443"}[u.Scheme]), files(*dir, u.Path))
}

// files answers GETs under path with the files under dir.
func files(dir, path string) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET "+path, http.StripPrefix(strings.TrimSuffix(path, "/"), http.FileServer(http.Dir(dir))))
	return mux
}

// ca is the throwaway issuer, and the few leaf keys its certificates
// reuse: a key per entry would cost more than the rest of the log.
type ca struct {
	cert      *x509.Certificate
	key       *ecdsa.PrivateKey
	keyHash   [32]byte // sha256 of its SPKI: a precert entry's issuer_key_hash
	certHash  [32]byte // sha256 of its DER: the chain fingerprint
	leafKeys  []*ecdsa.PrivateKey
	notBefore time.Time
}

func newCA() (*ca, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now().Add(-time.Hour).Truncate(time.Second)
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "ctloggen throwaway CA", Organization: []string{"devproof bench"}},
		NotBefore:             now,
		NotAfter:              now.Add(30 * 24 * time.Hour),
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	c := &ca{cert: cert, key: key, keyHash: sha256.Sum256(cert.RawSubjectPublicKeyInfo), certHash: sha256.Sum256(der), notBefore: now}
	for range 8 {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, err
		}
		c.leafKeys = append(c.leafKeys, k)
	}
	return c, nil
}

// poisonOID marks a precertificate (RFC 6962 §3.1).
var poisonOID = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}

// entry makes log entry number n naming names, a precertificate entry if
// precert. tbs is what a monitor hashes to tell issuances apart: the
// TBSCertificate without the poison.
func (c *ca) entry(n int, precert bool, names []string) (e *ctonly.Entry, tbs []byte, err error) {
	serial := new(big.Int).Lsh(big.NewInt(int64(n)+1), 64)
	serial.Or(serial, big.NewInt(int64(n)*7919+12345))
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: names[0]},
		DNSNames:     names,
		NotBefore:    c.notBefore,
		NotAfter:     c.notBefore.Add(90 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if precert {
		tmpl.ExtraExtensions = []pkix.Extension{{Id: poisonOID, Critical: true, Value: asn1.NullBytes}}
	}
	k := c.leafKeys[n%len(c.leafKeys)]
	der, err := x509.CreateCertificate(rand.Reader, tmpl, c.cert, &k.PublicKey, c.key)
	if err != nil {
		return nil, nil, err
	}
	e = &ctonly.Entry{FingerprintsChain: [][32]byte{c.certHash}}
	if !precert {
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, nil, err
		}
		e.Certificate = der
		return e, cert.RawTBSCertificate, nil
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, err
	}
	// The log's leaf carries the precertificate's TBSCertificate with the
	// poison removed (RFC 6962 §3.2).
	tbs, err = ctx509.RemoveCTPoison(cert.RawTBSCertificate)
	if err != nil {
		return nil, nil, err
	}
	e.IsPrecert = true
	e.Certificate = tbs
	e.Precertificate = der
	e.IssuerKeyHash = c.keyHash[:]
	return e, tbs, nil
}

// watched is the record of one watched entry.
type watched struct {
	index   uint64
	precert bool
	name    string
	tbsHash [32]byte
}

func write(args []string) error {
	fs := flag.NewFlagSet("write", flag.ExitOnError)
	dir := fs.String("dir", "", "directory to write the log's files into (must not hold a log)")
	out := fs.String("out", "", "directory for loglist.json, watchlist.txt and expected.txt")
	rawURL := fs.String("url", "", "the prefix the log will be served at; its origin follows from it")
	n := fs.Int("n", 1_000_192, "entries, a multiple of 256")
	every := fs.Int("every", 10_000, "one entry in this many names a watched domain")
	poolSize := fs.Int("pool", 8192, "distinct unwatched certificates, repeated to fill the log")
	jobs := fs.Int("jobs", 6, "certspotter_download_jobs in the log list")
	fs.Parse(args)
	u, err := prefix(*rawURL)
	if err != nil {
		return err
	}
	if *dir == "" || *out == "" {
		return errors.New("-dir and -out are required")
	}
	if *n <= 0 || *n%256 != 0 {
		return fmt.Errorf("-n %d: want a positive multiple of 256, so that no data tile is partial", *n)
	}
	if *every < 2 || *poolSize < 1 {
		return errors.New("-every must be at least 2 and -pool at least 1")
	}
	if err := os.MkdirAll(filepath.Join(*dir, "issuer"), 0o755); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	origin := strings.TrimSuffix(u.Host+u.Path, "/")

	c, err := newCA()
	if err != nil {
		return err
	}
	start := time.Now()
	pool, err := makePool(c, *poolSize)
	if err != nil {
		return err
	}
	log.Printf("%d unwatched certificates in %v", len(pool), time.Since(start).Round(time.Millisecond))

	logKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	klog.LogToStderr(false)
	klog.SetOutput(io.Discard)

	// TesseraCT hands its storage constructor the checkpoint signer it
	// made from the log key and origin (RFC6962NoteSignature, as
	// static-ct-api requires); entries then go straight to the appender.
	var (
		cts      *storage.CTStorage
		shutdown func(context.Context) error
	)
	newStorage := func(ctx context.Context, signer note.Signer) (*storage.CTStorage, error) {
		driver, err := tposix.New(ctx, tposix.Config{Path: *dir})
		if err != nil {
			return nil, fmt.Errorf("tessera POSIX storage: %w", err)
		}
		opts := tessera.NewAppendOptions().
			WithCheckpointSigner(signer).
			WithCTLayout().
			WithCheckpointInterval(time.Second).
			WithBatching(chunk, 100*time.Millisecond).
			WithPushback(2 * chunk)
		appender, sd, reader, err := tessera.NewAppender(ctx, driver, opts)
		if err != nil {
			return nil, fmt.Errorf("tessera appender: %w", err)
		}
		issuers, err := posix.NewIssuerStorage(ctx, *dir)
		if err != nil {
			return nil, fmt.Errorf("issuer storage: %w", err)
		}
		shutdown = sd
		cts, err = storage.NewCTStorage(ctx, &storage.CTStorageOptions{Appender: appender, Reader: reader, IssuerStorage: issuers})
		return cts, err
	}
	roots := filepath.Join(*out, "roots.pem")
	if err := os.WriteFile(roots, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.cert.Raw}), 0o644); err != nil {
		return err
	}
	if _, err := tesseract.NewLogHandler(ctx, origin, logKey, tesseract.ChainValidationConfig{RootsPEMFile: roots}, newStorage, time.Minute, false, "", tesseract.LogHandlerOpts{}); err != nil {
		return fmt.Errorf("TesseraCT: %w", err)
	}
	if err := cts.AddIssuerChain(ctx, []*x509.Certificate{c.cert}); err != nil {
		return err
	}

	// Entries go in chunk by chunk; a chunk's futures are resolved before
	// the next, which bounds the memory held and tells each watched
	// entry's index.
	start = time.Now()
	ts := uint64(time.Now().Add(-time.Minute).UnixMilli())
	var found []watched
	for base := 0; base < *n; base += chunk {
		end := min(base+chunk, *n)
		futures := make([]tessera.IndexFuture, 0, end-base)
		var marks []watched
		var markAt []int
		for i := base; i < end; i++ {
			var e *ctonly.Entry
			if i%*every == *every-1 {
				w := watched{precert: (i / *every)%2 == 0, name: fmt.Sprintf("host%d.watched.test", i)}
				var tbs []byte
				e, tbs, err = c.entry(*poolSize+i, w.precert, []string{w.name, "www." + w.name})
				if err != nil {
					return err
				}
				w.tbsHash = sha256.Sum256(tbs)
				marks = append(marks, w)
				markAt = append(markAt, len(futures))
			} else {
				p := *pool[(i*7+i/len(pool))%len(pool)]
				e = &p
			}
			e.Timestamp = ts + uint64(i/1000)
			f, err := cts.Add(ctx, e)
			if err != nil {
				return err
			}
			futures = append(futures, f)
		}
		for j, f := range futures {
			idx, err := f()
			if err != nil {
				return fmt.Errorf("entry %d: %w", base+j, err)
			}
			if idx.Index != uint64(base+j) {
				return fmt.Errorf("entry %d was sequenced at %d", base+j, idx.Index)
			}
		}
		for k, w := range marks {
			w.index = uint64(base + markAt[k])
			found = append(found, w)
		}
	}
	if err := shutdown(ctx); err != nil {
		return fmt.Errorf("tessera shutdown: %w", err)
	}
	if err := awaitCheckpoint(ctx, filepath.Join(*dir, "checkpoint"), uint64(*n)); err != nil {
		return err
	}
	el := time.Since(start)
	log.Printf("%d entries in %v (%.0f/s), %d watched", *n, el.Round(time.Millisecond), float64(*n)/el.Seconds(), len(found))

	keyDER, err := x509.MarshalPKIXPublicKey(&logKey.PublicKey)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "loglist.json"), logList(u.String(), keyDER, *jobs), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "watchlist.txt"), []byte(".watched.test\n"), 0o644); err != nil {
		return err
	}
	var b strings.Builder
	for _, w := range found {
		kind := "cert"
		if w.precert {
			kind = "precert"
		}
		fmt.Fprintf(&b, "%s %d %s %s\n", hex.EncodeToString(w.tbsHash[:]), w.index, kind, w.name)
	}
	return os.WriteFile(filepath.Join(*out, "expected.txt"), []byte(b.String()), 0o644)
}

// chunk is the number of entries added before their futures are awaited,
// and the sequencing batch size.
const chunk = 16384

// makePool makes size distinct unwatched entries on every core.
func makePool(c *ca, size int) ([]*ctonly.Entry, error) {
	pool := make([]*ctonly.Entry, size)
	var g errgroup.Group
	workers := runtime.GOMAXPROCS(0)
	var mu sync.Mutex
	for w := range workers {
		g.Go(func() error {
			for i := w; i < size; i += workers {
				name := fmt.Sprintf("site%d.bench.test", i)
				e, _, err := c.entry(i, i%2 == 0, []string{name, "www." + name})
				if err != nil {
					return err
				}
				mu.Lock()
				pool[i] = e
				mu.Unlock()
			}
			return nil
		})
	}
	return pool, g.Wait()
}

// awaitCheckpoint waits until the published checkpoint's size is n.
func awaitCheckpoint(ctx context.Context, path string, n uint64) error {
	want := fmt.Sprintf("\n%d\n", n)
	deadline := time.Now().Add(30 * time.Second)
	for {
		b, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(b), want) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%s does not reach size %d: %q, %v", path, n, b, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// logList is a loglist3 document naming the one log under tiled_logs,
// usable, with its URL as both submission and monitoring prefix.
func logList(prefix string, keyDER []byte, jobs int) []byte {
	id := sha256.Sum256(keyDER)
	since := time.Now().Add(-24 * time.Hour).UTC().Truncate(time.Second)
	type usable struct {
		Timestamp time.Time `json:"timestamp"`
	}
	doc := map[string]any{
		"version":            "1.0",
		"log_list_timestamp": time.Now().UTC().Truncate(time.Second),
		"operators": []any{map[string]any{
			"name":  "devproof bench",
			"email": []string{"ct@bench.test"},
			"logs":  []any{},
			"tiled_logs": []any{map[string]any{
				"description":    "ctloggen local log",
				"log_id":         base64.StdEncoding.EncodeToString(id[:]),
				"key":            base64.StdEncoding.EncodeToString(keyDER),
				"submission_url": prefix,
				"monitoring_url": prefix,
				"mmd":            60,
				"state":          map[string]any{"usable": usable{since}},
				// certspotter's own field for its parallel tile
				// downloads (loglist.Log.CertspotterDownloadJobs).
				"certspotter_download_jobs": jobs,
			}},
		}},
	}
	b, _ := json.MarshalIndent(doc, "", "  ")
	return append(b, '\n')
}
