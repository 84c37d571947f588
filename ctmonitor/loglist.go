package ctmonitor

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/google/certificate-transparency-go/loglist3"
)

// LogsFromList builds the logs a loglist3 document names, RFC 6962 ones
// ("logs") and static-ct-api ones ("tiled_logs"). Only logs that are
// usable, qualified or read-only are taken unless all is set. source names
// the document in errors.
func LogsFromList(doc []byte, source string, all bool, client *http.Client) ([]Log, error) {
	ll, err := loglist3.NewFromJSON(doc)
	if err != nil {
		return nil, fmt.Errorf("log list %s: %w", source, err)
	}
	take := func(s *loglist3.LogStates) bool {
		if all {
			return true
		}
		if s == nil {
			return false
		}
		switch s.LogStatus() {
		case loglist3.UsableLogStatus, loglist3.QualifiedLogStatus, loglist3.ReadOnlyLogStatus:
			return true
		}
		return false
	}
	var logs []Log
	for _, op := range ll.Operators {
		for _, l := range op.Logs {
			if !take(l.State) {
				continue
			}
			log, err := NewRFC6962Log(l.URL, l.Key, client)
			if err != nil {
				return nil, fmt.Errorf("log list %s: log %q: %w", source, l.Description, err)
			}
			logs = append(logs, log)
		}
		for _, l := range op.TiledLogs {
			if !take(l.State) {
				continue
			}
			log, err := NewTiledLog(l.MonitoringURL, Origin(l.SubmissionURL), l.Key, client)
			if err != nil {
				return nil, fmt.Errorf("log list %s: tiled log %q: %w", source, l.Description, err)
			}
			logs = append(logs, log)
		}
	}
	if len(logs) == 0 {
		return nil, fmt.Errorf("log list %s names no log to monitor (states usable, qualified or read-only; --all-logs for every log)", source)
	}
	return logs, nil
}

// Origin is a static-ct-api log's checkpoint origin: its submission prefix
// without the scheme or a trailing slash. A prefix with a port cannot be
// an origin (it would parse as a scheme); for such a log, as a local one,
// Origin is empty and the log's first checkpoint names it.
func Origin(submissionURL string) string {
	o := submissionURL
	if i := strings.Index(o, "://"); i >= 0 {
		o = o[i+3:]
	}
	o = strings.TrimRight(o, "/")
	if host, _, _ := strings.Cut(o, "/"); strings.Contains(host, ":") {
		return ""
	}
	return o
}
