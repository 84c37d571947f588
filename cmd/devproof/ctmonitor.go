package main

import (
	"bytes"
	"context"
	"crypto/tls"

	"encoding/base64"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/devproof/devproof/ctmonitor"
	"github.com/devproof/devproof/internal/evidence"
)

const ctmonitorSynopsis = `ctmonitor watch|audit --watchlist FILE --log-list FILE [flags]
       ctmonitor check-inclusion CERT --log-list FILE

  devproof ctmonitor audit --from-start --watchlist watch.txt --log-list list.json \
      --evidence https://app.example.com/evidences/ --app-id <hex>
  devproof ctmonitor watch --watchlist watch.txt --log-list list.json --hook alert.sh

Follows Certificate Transparency logs for certificates naming the watchlist's
domains (certspotter's syntax). A certificate whose key the app attested in its
/evidences/keys.json (each quote verified) is authorized and recorded; any other
is a rogue certificate and alerted, once. Every finding is a JSON line on
stdout. audit makes one pass and exits 1 if any rogue certificate is known, or
3 if a log could not be checked; watch runs until stopped (SIGHUP reloads the
watchlist and the log list).`

// stringsFlag collects a repeated flag.
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

func init() { commands["ctmonitor"] = runCTMonitor }

func runCTMonitor(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "check-inclusion" {
		return runCheckInclusion(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || (args[0] != "watch" && args[0] != "audit") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintf(stderr, "Usage: devproof %s\n", ctmonitorSynopsis)
			return flag.ErrHelp
		}
		fmt.Fprintf(stderr, "Usage: devproof %s\n", ctmonitorSynopsis)
		return errUsage
	}
	mode := args[0]
	fs := newFlagSet("ctmonitor "+mode, ctmonitorSynopsis, stderr)
	watchlist := fs.String("watchlist", "", "watchlist file: example.com exact, .example.com with subdomains, # comments")
	logList := fs.String("log-list", "", "loglist3 JSON file naming the logs (logs and tiled_logs)")
	var tiledLogs, rfcLogs stringsFlag
	fs.Var(&tiledLogs, "tiled-log", "a static-ct-api log as MONITORING_URL,BASE64_KEY[,ORIGIN] (repeatable; beside or instead of --log-list)")
	fs.Var(&rfcLogs, "rfc6962-log", "an RFC 6962 log as URL,BASE64_KEY (repeatable; beside or instead of --log-list)")
	allLogs := fs.Bool("all-logs", false, "monitor every log in the list, not only usable, qualified and read-only ones")
	stateDir := fs.String("state-dir", defaultStateDir(), "where positions, tree heads and certificates found are kept")
	fromStart := fs.Bool("from-start", false, "read logs seen for the first time from entry 0 (default: from their current size)")
	var evidenceURLs, evidenceDirs, allowSPKI, composeHashes stringsFlag
	fs.Var(&evidenceURLs, "evidence", "the app's https://<domain>/evidences/ (repeatable): its attested keys are authorized")
	fs.Var(&evidenceDirs, "evidence-dir", "a saved evidence directory (repeatable)")
	fs.Var(&allowSPKI, "allow-spki", "authorize a key by its SPKI sha256, hex (repeatable)")
	fs.Var(&composeHashes, "compose-hash", "a compose hash the key quotes may carry, hex (repeatable)")
	appID := fs.String("app-id", "", "the app id the evidence must carry, hex")
	var gateways stringsFlag
	fs.Var(&gateways, "gateway", "a dstack gateway's https://gateway.<base domain>/.dstack/acme-info (repeatable): its quoted certificate keys are authorized")
	gatewayAppID := fs.String("gateway-app-id", "", "the app id the --gateway quotes must carry, hex")
	allowSim := fs.Bool("allow-simulated", false, "accept simulated quotes (development only)")
	roots := fs.String("roots", "", "PEM roots to trust when fetching --evidence (default: the system's)")
	var resolve stringsFlag
	fs.Var(&resolve, "resolve", "HOST:PORT:ADDR, as curl's: fetch --evidence for HOST:PORT from ADDR (repeatable)")
	hook := fs.String("hook", "", "script run for each alert, with certspotter's environment")
	hooksDir := fs.String("hooks-dir", "", "directory of scripts run for each alert (certspotter's hooks.d)")
	webhook := fs.String("webhook", "", "URL each alert is POSTed to as JSON")
	interval := fs.Duration("interval", time.Minute, "watch: time between passes")
	refresh := fs.Duration("refresh", 10*time.Minute, "watch: time between fetches of --evidence")
	reload := fs.Duration("reload", time.Hour, "watch: time between reloads of the watchlist and the log list (SIGHUP reloads at once)")
	verbose := fs.Bool("v", false, "log progress to stderr")
	metricsAddr := fs.String("metrics", "", "serve Prometheus metrics at http://ADDR/metrics (e.g. 127.0.0.1:9464)")
	if pos, err := parseFlags(fs, args[1:]); err != nil {
		return err
	} else if len(pos) != 0 {
		fs.Usage()
		return errUsage
	}
	if *watchlist == "" || (*logList == "" && len(tiledLogs) == 0 && len(rfcLogs) == 0) {
		fs.Usage()
		return fmt.Errorf("%w: --watchlist and a log (--log-list, --tiled-log or --rfc6962-log) are required", errUsage)
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	logger := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))

	client := &http.Client{Timeout: 60 * time.Second}
	evTransport := &http.Transport{TLSClientConfig: &tls.Config{MinVersion: tls.VersionTLS12}}
	rootPool, err := loadCertPool("--roots", *roots)
	if err != nil {
		return err
	}
	evTransport.TLSClientConfig.RootCAs = rootPool
	if dial, err := resolveDial(resolve); err != nil {
		return err
	} else if dial != nil {
		evTransport.DialContext = dial
	}
	defer evTransport.CloseIdleConnections()
	evClient := &http.Client{Timeout: 60 * time.Second, Transport: evTransport}
	opts := evidence.Options{AllowSimulated: *allowSim, AppID: *appID, ComposeHashes: composeHashes}
	loadAttested := func(ctx context.Context) (*ctmonitor.Attested, error) {
		all, err := ctmonitor.AllowSPKI(allowSPKI...)
		if err != nil {
			return nil, fmt.Errorf("--allow-spki: %w", err)
		}
		for _, d := range evidenceDirs {
			a, err := ctmonitor.LoadAttested(d, opts)
			if err != nil {
				return nil, fmt.Errorf("--evidence-dir %s: %w", d, err)
			}
			all.Merge(a)
		}
		for _, u := range gateways {
			a, err := ctmonitor.FetchGatewayKeys(ctx, evClient, u, ctmonitor.GatewayOptions{AppID: *gatewayAppID, AllowSimulated: *allowSim})
			if err != nil {
				return nil, fmt.Errorf("--gateway %s: %w", u, err)
			}
			all.Merge(a)
		}
		for _, u := range evidenceURLs {
			a, err := ctmonitor.FetchAttested(ctx, evClient, u, opts)
			if err != nil {
				return nil, fmt.Errorf("--evidence %s: %w", u, err)
			}
			all.Merge(a)
		}
		return all, nil
	}
	attested, err := loadAttested(ctx)
	if err != nil {
		return err
	}
	wl, err := readWatchlist(*watchlist)
	if err != nil {
		return err
	}
	readLogs := func() ([]ctmonitor.Log, error) {
		var logs []ctmonitor.Log
		if *logList != "" {
			l, err := readLogList(*logList, *allLogs, client)
			if err != nil {
				return nil, err
			}
			logs = l
		}
		l, err := logsFromFlags(tiledLogs, rfcLogs, client)
		return append(logs, l...), err
	}
	logs, err := readLogs()
	if err != nil {
		return err
	}

	alerts := []ctmonitor.Notifier{}
	if *hook != "" || *hooksDir != "" {
		alerts = append(alerts, ctmonitor.Hooks{Script: *hook, Dir: *hooksDir})
	}
	if *webhook != "" {
		alerts = append(alerts, ctmonitor.Webhook{URL: *webhook, Client: client})
	}
	m := &ctmonitor.Monitor{
		Logs:      logs,
		State:     ctmonitor.State{Dir: *stateDir},
		Attested:  attested,
		Record:    ctmonitor.JSONLines(stdout),
		Alerts:    ctmonitor.Multi(alerts...),
		FromStart: *fromStart,
		Logger:    logger,
	}
	m.SetWatchlist(wl)
	if f, ok := stderr.(*os.File); ok && isTerminal(f) {
		bars := &progressBars{w: stderr, lines: map[string]string{}}
		m.Progress = bars.show
	}
	if *metricsAddr != "" {
		m.Metrics = ctmonitor.NewMetrics()
		l, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			return fmt.Errorf("--metrics: %w", err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", m.Metrics.Handler())
		srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go srv.Serve(l)
		defer srv.Close()
	}

	if mode == "audit" {
		failed := 0
		for _, r := range m.Once(ctx) {
			if r.Err != "" {
				failed++
				fmt.Fprintf(stderr, "devproof: %s: %s\n", r.URL, r.Err)
			}
		}
		rogue, err := m.Rogue()
		if err != nil {
			return err
		}
		switch {
		case len(rogue) > 0:
			fmt.Fprintf(stderr, "devproof: %d rogue certificate(s) for watched names; see %s\n", len(rogue), filepath.Join(*stateDir, "certs"))
			return exitError(1)
		case failed > 0:
			return exitError(3)
		}
		return nil
	}

	// watch: each log on its own schedule; SIGHUP and --reload reload
	// the watchlist and the log list, --refresh refetches the evidence.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	refreshTick := time.NewTicker(*refresh)
	defer refreshTick.Stop()
	reloadTick := time.NewTicker(*reload)
	defer reloadTick.Stop()
	for {
		wctx, stop := context.WithCancel(ctx)
		done := make(chan struct{})
		go func() { defer close(done); m.Watch(wctx, *interval) }()
		restart := false
		for !restart {
			select {
			case <-ctx.Done():
				stop()
				<-done
				return nil
			case <-hup:
				restart = true
			case <-reloadTick.C:
				restart = true
			case <-refreshTick.C:
				if a, err := loadAttested(ctx); err != nil {
					logger.Error("refreshing the attested keys; keeping the last set", "err", err)
				} else {
					attested.Replace(a)
				}
			}
		}
		stop()
		<-done
		if w, err := readWatchlist(*watchlist); err != nil {
			logger.Error("reloading the watchlist; keeping the old one", "err", err)
		} else {
			m.SetWatchlist(w)
		}
		if l, err := readLogs(); err != nil {
			logger.Error("reloading the log list; keeping the old one", "err", err)
		} else {
			m.Logs = l
		}
	}
}

const checkInclusionSynopsis = `ctmonitor check-inclusion CERT --log-list FILE

Proves that a certificate is in the logs its embedded SCTs name, at the
leaf_index they give (static-ct-api logs add it): each entry is read under a
tree head whose signature is checked, hashed into its root, and must be this
certificate's precertificate with the SCT's time. Exits 1 unless every such
SCT is proven, or if the certificate has none.`

func runCheckInclusion(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ctmonitor check-inclusion", checkInclusionSynopsis, stderr)
	logList := fs.String("log-list", "", "loglist3 JSON file naming the logs")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *logList == "" {
		fs.Usage()
		return errUsage
	}
	b, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	der := b
	if p, _ := pem.Decode(b); p != nil {
		der = p.Bytes
	}
	scts, err := ctmonitor.SCTIndexes(der)
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	if len(scts) == 0 {
		return fmt.Errorf("%s carries no embedded SCT with a leaf_index", pos[0])
	}
	list, err := os.ReadFile(*logList)
	if err != nil {
		return fmt.Errorf("--log-list: %w", err)
	}
	client := &http.Client{Timeout: 60 * time.Second}
	failed := 0
	for _, s := range scts {
		l, err := ctmonitor.LogByID(list, *logList, s.LogID, client)
		if err == nil {
			var head ctmonitor.TreeHead
			if head, err = ctmonitor.CheckInclusion(ctx, l, der, s); err == nil {
				fmt.Fprintf(stdout, "ok    %s entry %d, under its signed tree head of size %d\n", l.URL(), s.Index, head.Size)
				continue
			}
		}
		failed++
		fmt.Fprintf(stdout, "FAIL  log %x entry %d: %v\n", s.LogID, s.Index, err)
	}
	if failed > 0 {
		return exitError(1)
	}
	return nil
}

func readWatchlist(path string) (*ctmonitor.Watchlist, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--watchlist: %w", err)
	}
	return ctmonitor.ParseWatchlist(bytes.NewReader(b), path)
}

// isTerminal reports whether f is a character device, as a terminal is.
func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// progressBars draws one line per log on a terminal: entries read, rate
// and time left, redrawn in place.
type progressBars struct {
	mu    sync.Mutex
	w     io.Writer
	order []string
	lines map[string]string
	drawn int // lines drawn last time
}

func (b *progressBars) show(p ctmonitor.Progress) {
	const width = 30
	filled := width
	if p.Size > 0 {
		filled = int(float64(width) * float64(p.Next) / float64(p.Size))
	}
	line := fmt.Sprintf("%s [%s%s] %d/%d %.0f/s ETA %s", p.Log, strings.Repeat("#", filled), strings.Repeat(".", width-filled),
		p.Next, p.Size, p.PerSecond, p.ETA)
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.lines[p.Log]; !ok {
		b.order = append(b.order, p.Log)
	}
	b.lines[p.Log] = line
	if b.drawn > 0 {
		fmt.Fprintf(b.w, "\x1b[%dA", b.drawn) // back to the first bar
	}
	for _, l := range b.order {
		fmt.Fprintf(b.w, "\r\x1b[K%s\n", b.lines[l])
	}
	b.drawn = len(b.order)
}

// logsFromFlags builds the logs --tiled-log and --rfc6962-log name.
func logsFromFlags(tiled, rfc []string, client *http.Client) ([]ctmonitor.Log, error) {
	var logs []ctmonitor.Log
	for _, v := range tiled {
		parts := strings.Split(v, ",")
		if len(parts) < 2 || len(parts) > 3 {
			return nil, fmt.Errorf("--tiled-log %q: want MONITORING_URL,BASE64_KEY[,ORIGIN]", v)
		}
		key, err := base64.StdEncoding.DecodeString(parts[1])
		if err != nil {
			return nil, fmt.Errorf("--tiled-log %q: key is not base64", v)
		}
		origin := ctmonitor.Origin(parts[0])
		if len(parts) == 3 {
			origin = parts[2]
		}
		l, err := ctmonitor.NewTiledLog(parts[0], origin, key, client)
		if err != nil {
			return nil, fmt.Errorf("--tiled-log %q: %w", v, err)
		}
		logs = append(logs, l)
	}
	for _, v := range rfc {
		u, k, ok := strings.Cut(v, ",")
		key, err := base64.StdEncoding.DecodeString(k)
		if !ok || err != nil {
			return nil, fmt.Errorf("--rfc6962-log %q: want URL,BASE64_KEY", v)
		}
		l, err := ctmonitor.NewRFC6962Log(u, key, client)
		if err != nil {
			return nil, fmt.Errorf("--rfc6962-log %q: %w", v, err)
		}
		logs = append(logs, l)
	}
	return logs, nil
}

func readLogList(path string, all bool, client *http.Client) ([]ctmonitor.Log, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--log-list: %w", err)
	}
	return ctmonitor.LogsFromList(b, path, all, client)
}

// defaultStateDir follows XDG: $XDG_STATE_HOME/devproof/ctmonitor.
func defaultStateDir() string {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "devproof", "ctmonitor")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "state", "devproof", "ctmonitor")
	}
	return "ctmonitor-state"
}
