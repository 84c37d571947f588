package ctmonitor

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/devproof/devproof/internal/retry"
)

// Event names, certspotter's.
const (
	EventDiscoveredCert = "discovered_cert"
	EventMalformedCert  = "malformed_cert"
	EventError          = "error"
)

// Finding is one thing the monitor reports: a certificate for a watched
// name (authorized or not), a log entry it could not parse, or an error.
type Finding struct {
	// Event is "discovered_cert", "malformed_cert" or "error".
	Event string
	// Cert is the certificate found; nil for an error, and for a
	// malformed entry.
	Cert   *Cert
	LogURI string
	Index  uint64
	// WatchItem is the watchlist item matched, as written.
	WatchItem string
	// Authorized is true when the certificate's key is in the attested
	// set; AttestedBy then says why (Attested.Authorized).
	Authorized bool
	AttestedBy string
	// Summary is one line for a human; empty means a default per event.
	Summary string
	// Err says what failed, for error and malformed_cert.
	Err string
	// CertFile, JSONFile and TextFile are the files the monitor saved for
	// the finding (certspotter's CERT_FILENAME, JSON_FILENAME and
	// TEXT_FILENAME; for malformed_cert, JSONFile is the entry,
	// ENTRY_FILENAME); empty when none was saved.
	CertFile, JSONFile, TextFile string
}

// summary is Summary, or a default that says what matters first.
func (f Finding) summary() string {
	if f.Summary != "" {
		return f.Summary
	}
	switch f.Event {
	case EventDiscoveredCert:
		if f.Authorized {
			return fmt.Sprintf("Certificate Discovered for %s (attested key: %s)", f.WatchItem, f.AttestedBy)
		}
		return fmt.Sprintf("Rogue Certificate Discovered for %s: its key was not attested", f.WatchItem)
	case EventMalformedCert:
		return fmt.Sprintf("Unable to Parse Entry %d in %s", f.Index, f.LogURI)
	}
	return f.Err
}

// Notifier delivers findings. Implementations must be safe for concurrent
// use and honour the context. An error means the finding may not have
// been delivered: the monitor keeps it and tries again, so a Notifier
// may see the same finding twice.
type Notifier interface {
	Notify(ctx context.Context, f Finding) error
}

// findingJSON is a Finding as JSONLines writes it and Webhook posts it.
// The names are stable; new ones may be added.
type findingJSON struct {
	Event       string            `json:"event"`
	Summary     string            `json:"summary"`
	LogURI      string            `json:"log_uri,omitempty"`
	EntryIndex  *uint64           `json:"entry_index,omitempty"`
	WatchItem   string            `json:"watch_item,omitempty"`
	Authorized  *bool             `json:"authorized,omitempty"`
	AttestedBy  string            `json:"attested_by,omitempty"`
	Error       string            `json:"error,omitempty"`
	DNSNames    []string          `json:"dns_names,omitempty"`
	TBSSHA256   string            `json:"tbs_sha256,omitempty"`
	CertSHA256  string            `json:"cert_sha256,omitempty"`
	PubkeySHA   string            `json:"pubkey_sha256,omitempty"`
	SubjectDN   string            `json:"subject_dn,omitempty"`
	IssuerDN    string            `json:"issuer_dn,omitempty"`
	Serial      string            `json:"serial,omitempty"`
	NotBefore   *time.Time        `json:"not_before,omitempty"`
	NotAfter    *time.Time        `json:"not_after,omitempty"`
	Precert     bool              `json:"precert,omitempty"`
	ParseErrors map[string]string `json:"parse_errors,omitempty"`
	CertDER     []byte            `json:"cert_der,omitempty"`
	CertFile    string            `json:"cert_filename,omitempty"`
	JSONFile    string            `json:"json_filename,omitempty"`
	TextFile    string            `json:"text_filename,omitempty"`
}

func (f Finding) jsonValue() findingJSON {
	j := findingJSON{
		Event: f.Event, Summary: f.summary(), LogURI: f.LogURI, WatchItem: f.WatchItem,
		AttestedBy: f.AttestedBy, Error: f.Err,
		CertFile: f.CertFile, JSONFile: f.JSONFile, TextFile: f.TextFile,
	}
	if f.Event != EventError {
		j.EntryIndex = &f.Index
	}
	if c := f.Cert; c != nil {
		j.Authorized = &f.Authorized
		j.DNSNames, j.TBSSHA256, j.CertSHA256, j.PubkeySHA = c.Names, c.TBSSHA256, c.CertSHA256, c.SPKISHA256
		j.SubjectDN, j.IssuerDN, j.Serial, j.Precert, j.CertDER = c.Subject, c.Issuer, c.Serial, c.Precert, c.DER
		if len(c.ParseErrors) > 0 {
			j.ParseErrors = c.ParseErrors
		}
		if c.ParseErrors["NOT_BEFORE"] == "" && c.ParseErrors["NOT_AFTER"] == "" {
			j.NotBefore, j.NotAfter = &c.NotBefore, &c.NotAfter
		}
	}
	return j
}

type jsonLines struct {
	mu sync.Mutex
	w  io.Writer
}

// JSONLines writes each finding to w as one JSON object on one line, with
// snake_case names (event, summary, log_uri, entry_index, watch_item,
// authorized, attested_by, error, dns_names, tbs_sha256, cert_sha256,
// pubkey_sha256, subject_dn, issuer_dn, serial, not_before, not_after,
// precert, parse_errors, cert_der, cert_filename, json_filename,
// text_filename). Lines from concurrent calls never interleave.
func JSONLines(w io.Writer) Notifier { return &jsonLines{w: w} }

func (j *jsonLines) Notify(ctx context.Context, f Finding) error {
	b, err := json.Marshal(f.jsonValue())
	if err != nil {
		return fmt.Errorf("encoding %s finding: %w", f.Event, err)
	}
	b = append(b, '\n')
	j.mu.Lock()
	defer j.mu.Unlock()
	if _, err := j.w.Write(b); err != nil {
		return fmt.Errorf("writing %s finding: %w", f.Event, err)
	}
	return nil
}

// Hooks runs programs for each finding, as certspotter runs its -script
// and hooks.d: Script first, then every executable regular file in Dir in
// name order (names starting with '.' skipped). Each gets the process
// environment plus certspotter v0.24.2's variables, with its value
// formats, and devproof's own:
//
//	EVENT                 discovered_cert, malformed_cert or error
//	SUMMARY               one line for a human
//	LOG_URI, ENTRY_INDEX  the log and the entry's index (decimal)
//	WATCH_ITEM            the watchlist item matched, as written
//	TBS_SHA256            Cert.TBSSHA256: the same for a precertificate and its certificate
//	CERT_SHA256           Cert.CertSHA256
//	PUBKEY_SHA256         Cert.SPKISHA256
//	CERT_FILENAME, JSON_FILENAME, TEXT_FILENAME
//	                      files the monitor saved, when it saved them
//	NOT_BEFORE, NOT_AFTER Go's time.Time.String() in UTC ("2026-01-02 03:04:05 +0000 UTC"),
//	                      each also as _UNIXTIME (seconds) and _RFC3339
//	SUBJECT_DN, ISSUER_DN RFC 2253 style ("CN=a.example.com,O=Example")
//	SERIAL                lowercase hex, no leading zeros
//	DEVPROOF_AUTHORIZED   true or false: whether the key was attested
//	DEVPROOF_ATTESTED_BY  what authorized it: "app <id> compose <hash>" or "allow-spki"
//
// A field that did not parse gives certspotter's SUBJECT_PARSE_ERROR,
// ISSUER_PARSE_ERROR, SERIAL_PARSE_ERROR or VALIDITY_PARSE_ERROR (for
// either time) instead of its variables. A malformed_cert event has
// EVENT, SUMMARY, LOG_URI, ENTRY_INDEX, PARSE_ERROR, ENTRY_FILENAME and
// TEXT_FILENAME; an error event EVENT, SUMMARY, TEXT_FILENAME, LOG_URI
// when a log is at fault, and DEVPROOF_ERROR.
//
// Every hook runs even when one fails; a Dir that does not exist is an
// error, since a hook that never runs is an alert lost.
type Hooks struct {
	// Script is a program to run; empty for none.
	Script string
	// Dir is a directory of programs to run; empty for none.
	Dir string
}

// Notify runs the hooks. A failing hook is an error naming it, its exit
// status and the end of what it wrote to stderr.
func (h Hooks) Notify(ctx context.Context, f Finding) error {
	var progs []string
	if h.Script != "" {
		progs = append(progs, h.Script)
	}
	var errs []error
	if h.Dir != "" {
		entries, err := os.ReadDir(h.Dir)
		if err != nil {
			errs = append(errs, fmt.Errorf("hooks directory: %w", err))
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				continue
			}
			p := filepath.Join(h.Dir, e.Name())
			info, err := os.Stat(p)
			if err != nil {
				errs = append(errs, fmt.Errorf("hook %s: %w", p, err))
				continue
			}
			if info.Mode().IsRegular() && info.Mode()&0o111 != 0 {
				progs = append(progs, p)
			}
		}
	}
	env := append(os.Environ(), f.environ()...)
	for _, p := range progs {
		if err := runHook(ctx, p, env); err != nil {
			errs = append(errs, err)
			if ctx.Err() != nil {
				break
			}
		}
	}
	return errors.Join(errs...)
}

// stderrTail is how much of a failing hook's stderr its error quotes.
const stderrTail = 512

func runHook(ctx context.Context, prog string, env []string) error {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, prog)
	cmd.Env = env
	cmd.Stderr = &stderr
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	if err == nil || errors.Is(err, exec.ErrWaitDelay) {
		return nil
	}
	tail := strings.TrimSpace(stderr.String())
	if len(tail) > stderrTail {
		tail = "…" + tail[len(tail)-stderrTail:]
	}
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		return fmt.Errorf("hook %s: %w", prog, ctx.Err())
	case errors.As(err, &exit) && exit.Exited():
		return fmt.Errorf("hook %s exited with status %d, stderr %q", prog, exit.ExitCode(), tail)
	case errors.As(err, &exit):
		return fmt.Errorf("hook %s ended by %s, stderr %q", prog, exit.ProcessState, tail)
	}
	return fmt.Errorf("hook %s: %w", prog, err)
}

// environ is certspotter's hook environment for f (v0.24.2, names and
// value formats), plus devproof's own.
func (f Finding) environ() []string {
	env := []string{"EVENT=" + f.Event, "SUMMARY=" + f.summary()}
	if f.Event == EventError {
		if f.LogURI != "" {
			env = append(env, "LOG_URI="+f.LogURI)
		}
		env = append(env, "DEVPROOF_ERROR="+f.Err)
		if f.TextFile != "" {
			env = append(env, "TEXT_FILENAME="+f.TextFile)
		}
		return env
	}
	env = append(env, "LOG_URI="+f.LogURI, "ENTRY_INDEX="+strconv.FormatUint(f.Index, 10))
	if f.Event == EventMalformedCert || f.Cert == nil {
		env = append(env, "PARSE_ERROR="+f.Err)
		if f.JSONFile != "" {
			env = append(env, "ENTRY_FILENAME="+f.JSONFile)
		}
		if f.TextFile != "" {
			env = append(env, "TEXT_FILENAME="+f.TextFile)
		}
		return env
	}
	c := f.Cert
	env = append(env,
		"WATCH_ITEM="+f.WatchItem,
		"TBS_SHA256="+c.TBSSHA256,
		"CERT_SHA256="+c.CertSHA256,
		"PUBKEY_SHA256="+c.SPKISHA256,
	)
	if f.CertFile != "" || f.JSONFile != "" || f.TextFile != "" {
		env = append(env, "CERT_FILENAME="+f.CertFile, "JSON_FILENAME="+f.JSONFile, "TEXT_FILENAME="+f.TextFile)
	}
	nb, na := c.ParseErrors["NOT_BEFORE"], c.ParseErrors["NOT_AFTER"]
	if nb == "" && na == "" {
		for _, t := range []struct {
			name string
			v    time.Time
		}{{"NOT_BEFORE", c.NotBefore}, {"NOT_AFTER", c.NotAfter}} {
			env = append(env,
				t.name+"="+t.v.String(),
				t.name+"_UNIXTIME="+strconv.FormatInt(t.v.Unix(), 10),
				t.name+"_RFC3339="+t.v.Format(time.RFC3339))
		}
	} else {
		env = append(env, "VALIDITY_PARSE_ERROR="+strings.Trim(nb+"; "+na, "; "))
	}
	for _, v := range []struct{ name, value, errName string }{
		{"SUBJECT_DN", c.Subject, "SUBJECT_PARSE_ERROR"},
		{"ISSUER_DN", c.Issuer, "ISSUER_PARSE_ERROR"},
		{"SERIAL", c.Serial, "SERIAL_PARSE_ERROR"},
	} {
		if e, failed := c.ParseErrors[v.name]; failed {
			env = append(env, v.errName+"="+e)
		} else {
			env = append(env, v.name+"="+v.value)
		}
	}
	return append(env,
		"DEVPROOF_AUTHORIZED="+strconv.FormatBool(f.Authorized),
		"DEVPROOF_ATTESTED_BY="+f.AttestedBy)
}

// Webhook POSTs each finding as JSON (the object JSONLines writes) to URL.
// Network errors, 429 and 5xx are retried with backoff, waiting at least
// as long as a Retry-After header asks, until ctx ends; any other status
// outside 2xx is a permanent error naming it.
type Webhook struct {
	URL string
	// Client is nil for http.DefaultClient; give one with a timeout.
	Client *http.Client
	// Backoff paces retries; zero is 1 s doubling up to 5 minutes.
	Backoff retry.Backoff
}

// maxRetryAfter bounds what a server's Retry-After can make us wait.
const maxRetryAfter = 10 * time.Minute

func (w Webhook) Notify(ctx context.Context, f Finding) error {
	body, err := json.Marshal(f.jsonValue())
	if err != nil {
		return fmt.Errorf("encoding %s finding: %w", f.Event, err)
	}
	name := w.URL
	if u, err := url.Parse(w.URL); err == nil {
		// The path and query of a webhook URL are often its secret.
		name = u.Scheme + "://" + u.Host
	}
	client := w.Client
	if client == nil {
		client = http.DefaultClient
	}
	return retry.Do(ctx, w.Backoff, func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
		if err != nil {
			return retry.Permanent(fmt.Errorf("webhook %s: %w", name, err))
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			// url.Error would quote the whole URL.
			var ue *url.Error
			if errors.As(err, &ue) {
				err = ue.Err
			}
			return fmt.Errorf("webhook %s: %w", name, err)
		}
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		resp.Body.Close()
		switch {
		case resp.StatusCode >= 200 && resp.StatusCode < 300:
			return nil
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			err := fmt.Errorf("webhook %s: HTTP status %s", name, resp.Status)
			if d, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
				t := time.NewTimer(d)
				defer t.Stop()
				select {
				case <-ctx.Done():
					return err
				case <-t.C:
				}
			}
			return err
		}
		return retry.Permanent(fmt.Errorf("webhook %s: HTTP status %s: %q", name, resp.Status, strings.TrimSpace(string(msg))))
	}, nil)
}

// retryAfter reads a Retry-After value (RFC 9110 §10.2.3): seconds or an
// HTTP date, capped at maxRetryAfter.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	var d time.Duration
	if s, err := strconv.ParseUint(v, 10, 32); err == nil {
		d = time.Duration(s) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	} else {
		return 0, false
	}
	return min(max(d, 0), maxRetryAfter), true
}

type multi []Notifier

// Multi delivers each finding to every notifier, in order, even when one
// fails; the errors are joined.
func Multi(ns ...Notifier) Notifier { return multi(ns) }

func (m multi) Notify(ctx context.Context, f Finding) error {
	var errs []error
	for _, n := range m {
		if err := n.Notify(ctx, f); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
