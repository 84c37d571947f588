package audit

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/devproof/devproof/ctmonitor"
	"github.com/devproof/devproof/internal/evidence"
)

// ctCheck reads every log in Options.CTLogList from its first entry for
// certificates naming the domain, checking each log's tree as the CT
// monitor does, and fails on any whose key the app never attested: a
// certificate the developer got for the app's name with a key of their
// own.
func (a *auditor) ctCheck(ctx context.Context) {
	if a.opts.CTLogList == "" {
		a.add("ct", Skip, "no CT log list (--ct)")
		return
	}
	if a.r.Identity.AppID == "" {
		a.add("ct", Skip, "the evidence names no app whose keys certificates could be judged by")
		return
	}
	list, err := os.ReadFile(a.opts.CTLogList)
	if err != nil {
		a.add("ct", Fail, "log list: %v", err)
		return
	}
	logClient := &http.Client{Timeout: a.opts.Timeout}
	logs, err := ctmonitor.LogsFromList(list, a.opts.CTLogList, false, logClient)
	if err != nil {
		a.add("ct", Fail, "%v", err)
		return
	}
	if len(logs) == 0 {
		a.add("ct", Fail, "log list %s names no usable log", a.opts.CTLogList)
		return
	}
	wl, err := ctmonitor.ParseWatchlist(strings.NewReader(a.r.Domain+"\n"), "the domain")
	if err != nil {
		a.add("ct", Fail, "%v", err)
		return
	}
	// The evidence fetched for the other checks, judged as the monitor
	// judges it.
	attested, err := ctmonitor.AttestedFrom(a.r.URL+"evidences/", a.files,
		evidence.Options{Quote: a.opts.Quote, AllowSimulated: a.opts.AllowSimulated, AppID: a.r.Identity.AppID})
	if err != nil {
		a.add("ct", Fail, "attested keys: %v", err)
		return
	}
	state, err := os.MkdirTemp("", "devproof-verify-ct-")
	if err != nil {
		a.add("ct", Fail, "%v", err)
		return
	}
	defer os.RemoveAll(state)
	m := &ctmonitor.Monitor{Logs: logs, State: ctmonitor.State{Dir: state}, Attested: attested, FromStart: true, Logger: slog.New(slog.DiscardHandler)}
	m.SetWatchlist(wl)
	var unchecked []string
	for _, r := range m.Once(ctx) {
		if r.Err != "" {
			unchecked = append(unchecked, r.URL+": "+r.Err)
		}
	}
	rogue, err := m.Rogue()
	if err != nil {
		a.add("ct", Fail, "%v", err)
		return
	}
	all, _ := m.State.SavedFindings()
	found := 0
	for _, f := range all {
		if f.Event == ctmonitor.EventDiscoveredCert && f.Cert != nil {
			found++
		}
	}
	switch {
	case len(rogue) > 0:
		var keys []string
		for _, f := range rogue {
			keys = append(keys, fmt.Sprintf("key %s (issuer %s, serial %s)", f.Cert.SPKISHA256, f.Cert.Issuer, f.Cert.Serial))
		}
		a.add("ct", Fail, "%d of %d logged certificates for %s have a key the app never attested: %s", len(rogue), found, a.r.Domain, strings.Join(keys, "; "))
	case len(unchecked) > 0:
		a.add("ct", Fail, "%d of %d logs could not be checked: %s", len(unchecked), len(logs), strings.Join(unchecked, "; "))
	default:
		a.add("ct", Pass, "%d certificates for %s in %d logs, each with a key the app attested", found, a.r.Domain, len(logs))
	}
}
