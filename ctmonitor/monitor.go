package ctmonitor

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Monitor follows logs for certificates naming watched domains. Each pass
// checks every log on its own: one log failing, or lying, never stops the
// others.
type Monitor struct {
	Logs  []Log
	State State
	// Attested says which keys the app attested; its contents may be
	// replaced while the monitor runs.
	Attested *Attested
	// Alerts gets rogue certificates, malformed entries and errors;
	// Record gets every finding, authorized certificates included, so
	// that the history is complete. Either may be nil.
	Alerts, Record Notifier
	// FromStart makes a log seen for the first time be read from entry
	// 0; otherwise only entries logged from then on are read.
	FromStart bool
	// SaveEvery bounds how many entries pass between two saved
	// positions (default 65536, and a save at least every 2 s): a resumed
	// pass reads at most that many again, and the certificates among them
	// already alerted are not alerted again.
	SaveEvery uint64
	Logger    *slog.Logger
	// Metrics, if set, counts progress, findings and errors per log.
	Metrics *Metrics
	// Progress, if set, is told about each log's reading about once a
	// second, from the goroutine reading it.
	Progress func(Progress)

	watchlist atomic.Pointer[Watchlist]
	mu        sync.Mutex // one finding at a time, so a certificate in two logs is alerted once
}

// SetWatchlist sets the names to watch; it may be called while the
// monitor runs (a SIGHUP reload).
func (m *Monitor) SetWatchlist(w *Watchlist) { m.watchlist.Store(w) }

// Progress is how far one log's reading has come in a pass.
type Progress struct {
	Log string
	// Next is the next entry to read, Size the tree head's size.
	Next, Size uint64
	// PerSecond is this pass's rate so far; ETA the time left at it.
	PerSecond float64
	ETA       time.Duration
}

// progressOf is the progress of reading from..size, at next after elapsed.
func progressOf(log string, from, next, size uint64, elapsed time.Duration) Progress {
	p := Progress{Log: log, Next: next, Size: size}
	if secs := elapsed.Seconds(); secs > 0 && next > from {
		p.PerSecond = float64(next-from) / secs
		p.ETA = time.Duration(float64(size-next) / p.PerSecond * float64(time.Second)).Round(time.Second)
	}
	return p
}

// LogResult is what one pass did with one log.
type LogResult struct {
	URL string `json:"url"`
	// From and To are the entries read: [From, To).
	From uint64    `json:"from"`
	To   uint64    `json:"to"`
	Head *TreeHead `json:"head,omitempty"`
	// Found counts matching certificates alerted or recorded this pass.
	Found int    `json:"found"`
	Rogue int    `json:"rogue"`
	Err   string `json:"error,omitempty"`
	// SplitView is the directory holding two heads the log could not
	// reconcile.
	SplitView string `json:"split_view,omitempty"`
}

// Once makes one pass over every log, concurrently.
func (m *Monitor) Once(ctx context.Context) []LogResult {
	out := make([]LogResult, len(m.Logs))
	var wg sync.WaitGroup
	for i, l := range m.Logs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = m.checkLog(ctx, l)
		}()
	}
	wg.Wait()
	return out
}

// Watch checks each log every interval until ctx ends, each log on its
// own schedule, so that a log that is slow or down delays no other.
func (m *Monitor) Watch(ctx context.Context, every time.Duration) {
	var wg sync.WaitGroup
	for _, l := range m.Logs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				m.checkLog(ctx, l)
				select {
				case <-ctx.Done():
					return
				case <-time.After(every):
				}
			}
		}()
	}
	wg.Wait()
}

// Rogue is every certificate found so far whose key the current Attested
// set does not hold, re-judged now, since the attested set changes.
func (m *Monitor) Rogue() ([]Finding, error) {
	all, err := m.State.SavedFindings()
	if err != nil {
		return nil, err
	}
	var rogue []Finding
	for _, f := range all {
		if f.Event != EventDiscoveredCert || f.Cert == nil {
			continue
		}
		if _, ok := m.Attested.Authorized(f.Cert.SPKISHA256); !ok {
			rogue = append(rogue, f)
		}
	}
	return rogue, nil
}

func (m *Monitor) log() *slog.Logger {
	if m.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return m.Logger
}

// checkLog verifies the log's new tree head against the last verified one
// and reads the entries between them.
func (m *Monitor) checkLog(ctx context.Context, l Log) (res LogResult) {
	res.URL = l.URL()
	fail := func(err error) LogResult {
		res.Err = err.Error()
		m.Metrics.failed(res.URL)
		if ctx.Err() == nil {
			m.log().Warn("CT log check failed", "log", res.URL, "err", err)
			m.State.SaveError(res.URL, err)
			m.notify(ctx, Finding{Event: EventError, LogURI: res.URL, Err: err.Error(), Summary: "checking " + res.URL + ": " + err.Error()}, true)
		}
		return res
	}
	pos, err := m.State.LoadPosition(res.URL)
	if err != nil {
		return fail(err)
	}
	head, err := l.Head(ctx)
	if err != nil {
		return fail(err)
	}
	// Evidence first: a head is kept before anything relies on it.
	if err := m.State.SaveHead(res.URL, head); err != nil {
		return fail(err)
	}
	res.Head = &head

	if pos.Head == nil {
		if !m.FromStart {
			pos.Next = head.Size
		}
	} else {
		// Heads older than the one verified are audited too: they must
		// be prefixes of it.
		older, newer := *pos.Head, head
		if head.Size < pos.Head.Size {
			older, newer = head, *pos.Head
		}
		if err := l.Consistent(ctx, older, newer); err != nil {
			if errors.Is(err, ErrInconsistent) {
				return m.splitView(ctx, res, older, newer, err)
			}
			return fail(err)
		}
		if head.Size <= pos.Head.Size {
			res.From, res.To = pos.Next, pos.Next
			if pos.Next < pos.Head.Size {
				head = *pos.Head // unfinished entries of the newer head
			} else {
				return res
			}
		}
	}

	every := m.SaveEvery
	if every == 0 {
		every = 1 << 16
	}
	res.From, res.To = pos.Next, pos.Next
	saved := res.From
	save := func() error {
		if err := m.State.SavePosition(Position{URL: res.URL, Next: res.To, Head: &head}); err != nil {
			return err
		}
		m.Metrics.progress(res.URL, res.To, &head, res.To-saved)
		saved = res.To
		return nil
	}
	start := time.Now()
	lastReport, lastSave := start, start
	err = l.Entries(ctx, head, pos.Next, head.Size, func(e Entry) error {
		if m.Progress != nil && time.Since(lastReport) >= time.Second {
			lastReport = time.Now()
			m.Progress(progressOf(res.URL, res.From, res.To, head.Size, lastReport.Sub(start)))
		}
		if e.Index != res.To {
			return fmt.Errorf("log %s: entry %d delivered where %d was expected", res.URL, e.Index, res.To)
		}
		found, rogue, err := m.entry(ctx, res.URL, e)
		if err != nil {
			return err
		}
		res.Found += found
		res.Rogue += rogue
		res.To = e.Index + 1
		if res.To%every == 0 || (res.To%256 == 0 && time.Since(lastSave) >= 2*time.Second) {
			lastSave = time.Now()
			return save()
		}
		return nil
	})
	if serr := save(); err == nil {
		err = serr
	}
	if m.Progress != nil && res.To > res.From {
		m.Progress(progressOf(res.URL, res.From, res.To, head.Size, time.Since(start)))
	}
	if n := res.To - res.From; n > 0 {
		secs := time.Since(start).Seconds()
		m.log().Info("entries verified and matched", "log", res.URL, "from", res.From, "to", res.To, "tree_size", head.Size,
			"per_second", int(float64(n)/max(secs, 1e-3)), "found", res.Found, "rogue", res.Rogue)
	}
	if err != nil {
		if errors.Is(err, ErrInconsistent) {
			return m.splitView(ctx, res, head, head, err)
		}
		return fail(err)
	}
	return res
}

// splitView keeps both heads, raises an alert of its own, and trusts
// nothing behind them: the position does not move.
func (m *Monitor) splitView(ctx context.Context, res LogResult, a, b TreeHead, why error) LogResult {
	dir, err := m.State.SaveSplitView(res.URL, a, b, why)
	if err != nil {
		m.log().Error("saving a split view", "log", res.URL, "err", err)
	}
	res.SplitView, res.Err = dir, why.Error()
	m.Metrics.failed(res.URL)
	m.log().Error("CT log contradicts its signed tree heads: possible split view", "log", res.URL, "err", why, "evidence", dir)
	m.notify(ctx, Finding{Event: EventError, LogURI: res.URL, Err: why.Error(),
		Summary: fmt.Sprintf("possible split view in %s: %v (both heads kept in %s)", res.URL, why, dir)}, true)
	return res
}

// entry matches one entry against the watchlist, cheaply first, and
// alerts a matching certificate once. It returns how many certificates it
// found (0 or 1) and how many of those are rogue.
func (m *Monitor) entry(ctx context.Context, logURL string, e Entry) (found, rogue int, err error) {
	wl := m.watchlist.Load()
	if wl == nil {
		return 0, 0, nil
	}
	if !e.cheap {
		e.withNames()
	}
	if names, err := e.names, e.namesErr; err == nil {
		if _, ok := wl.Match(names); !ok {
			return 0, 0, nil
		}
	} // a failed light parse falls through to the full one: fail safe
	c, perr := ParseCert(e.Cert, e.Precert)
	if perr != nil {
		return 0, 0, m.malformed(ctx, logURL, e, perr)
	}
	item, ok := wl.Match(c.Names)
	if !ok {
		return 0, 0, nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.State.Notified(c.TBSSHA256) {
		return 0, 0, nil
	}
	by, authorized := m.Attested.Authorized(c.SPKISHA256)
	f := Finding{Event: EventDiscoveredCert, Cert: c, LogURI: logURL, Index: e.Index, WatchItem: item, Authorized: authorized, AttestedBy: by}
	if authorized {
		f.Summary = fmt.Sprintf("certificate for %s with an attested key (%s)", item, by)
	} else {
		f.Summary = fmt.Sprintf("rogue certificate for %s: key %s is not attested by the app", item, c.SPKISHA256)
		rogue = 1
	}
	if err := m.State.SaveCert(&f); err != nil {
		return 0, 0, err
	}
	if err := m.notify(ctx, f, !authorized); err != nil {
		return 0, 0, err
	}
	m.Metrics.finding(logURL, f)
	return 1, rogue, m.State.MarkNotified(c.TBSSHA256)
}

// malformed keeps an entry that does not parse and alerts it once.
func (m *Monitor) malformed(ctx context.Context, logURL string, e Entry, perr error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.State.MalformedNotified(logURL, e.Index) {
		return nil
	}
	path, err := m.State.SaveMalformed(logURL, e.Index, e.Cert)
	if err != nil {
		return err
	}
	f := Finding{Event: EventMalformedCert, LogURI: logURL, Index: e.Index, Err: perr.Error(), CertFile: path,
		Summary: fmt.Sprintf("unparsable certificate at %s #%d: %v", logURL, e.Index, perr)}
	if err := m.notify(ctx, f, true); err != nil {
		return err
	}
	m.Metrics.finding(logURL, f)
	return m.State.MarkMalformedNotified(logURL, e.Index)
}

// notify sends f to Record, and to Alerts when alert is set.
func (m *Monitor) notify(ctx context.Context, f Finding, alert bool) error {
	var errs []error
	if m.Record != nil {
		errs = append(errs, m.Record.Notify(ctx, f))
	}
	if alert && m.Alerts != nil {
		errs = append(errs, m.Alerts.Notify(ctx, f))
	}
	return errors.Join(errs...)
}
