package ctlog_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/devproof/devproof/internal/ctlog"
	"github.com/devproof/devproof/internal/localca"
	"github.com/devproof/devproof/notary/ctpolicy"
)

// The local CA logs precertificates to two local TesseraCT logs and embeds
// their SCTs; the result passes the CT policy against the local log list.
func TestLoggedCertificatePassesCTPolicy(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ca, err := localca.New()
	if err != nil {
		t.Fatal(err)
	}
	defer ca.Close()
	dir := t.TempDir()
	var logs []*ctlog.Log
	var sources []localca.SCTSource
	for i, op := range []string{"Devproof Logs A", "Devproof Logs B"} {
		l, err := ctlog.Start(filepath.Join(dir, []string{"a", "b"}[i]), op+" log", op, ca.RootPEM())
		if err != nil {
			t.Fatal(err)
		}
		defer l.Close()
		logs = append(logs, l)
		sources = append(sources, l)
	}
	cert, err := ca.IssueLogged(ctx, sources, "source.devproof.test")
	if err != nil {
		t.Fatal(err)
	}
	list, err := ctpolicy.ParseLogList(ctlog.LogList("dev", logs...))
	if err != nil {
		t.Fatal(err)
	}
	r, err := ctpolicy.Evaluate(cert.Certificate, nil, list, time.Now())
	if err != nil || !r.OK {
		t.Fatalf("%+v %v", r, err)
	}
	if len(r.SCTs) != 2 || !r.SCTs[0].Tiled {
		t.Errorf("SCTs: %+v", r.SCTs)
	}
}
