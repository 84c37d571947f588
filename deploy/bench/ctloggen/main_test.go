package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/devproof/devproof/ctmonitor"
)

// TestWrittenLogReads writes a small log and reads it back through the
// monitor's own static-ct-api client, which checks the checkpoint's
// signature and origin and hashes every entry into its root: the watched
// entries must sit at the recorded indices with the recorded TBS hashes.
func TestWrittenLogReads(t *testing.T) {
	d := t.TempDir()
	const url = "http://ctloggen.test/ct/bench/"
	if err := write([]string{"-dir", filepath.Join(d, "log"), "-out", filepath.Join(d, "meta"),
		"-n", "1024", "-every", "300", "-pool", "64", "-jobs", "3", "-url", url}); err != nil {
		t.Fatal(err)
	}

	var list struct {
		Operators []struct {
			Tiled []struct {
				Key           []byte `json:"key"`
				SubmissionURL string `json:"submission_url"`
				MonitoringURL string `json:"monitoring_url"`
				Jobs          int    `json:"certspotter_download_jobs"`
			} `json:"tiled_logs"`
		} `json:"operators"`
	}
	b, err := os.ReadFile(filepath.Join(d, "meta", "loglist.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	if len(list.Operators) != 1 || len(list.Operators[0].Tiled) != 1 {
		t.Fatalf("log list names %d operators; want one with one tiled log:\n%s", len(list.Operators), b)
	}
	tl := list.Operators[0].Tiled[0]
	if tl.SubmissionURL != url || tl.MonitoringURL != url || tl.Jobs != 3 {
		t.Fatalf("tiled log %s %s jobs %d; want %s twice, jobs 3", tl.SubmissionURL, tl.MonitoringURL, tl.Jobs, url)
	}

	want := map[uint64]string{}
	f, err := os.Open(filepath.Join(d, "meta", "expected.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		i, err := strconv.ParseUint(fields[1], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = fields[0]
	}
	if len(want) != 3 {
		t.Fatalf("expected.txt names %d watched entries; want 3 (299, 599, 899)", len(want))
	}

	srv := httptest.NewServer(files(filepath.Join(d, "log"), "/ct/bench/"))
	defer srv.Close()
	l, err := ctmonitor.NewTiledLog(srv.URL+"/ct/bench/", "ctloggen.test/ct/bench", tl.Key, srv.Client())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	head, err := l.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if head.Size != 1024 {
		t.Fatalf("checkpoint size %d; want 1024", head.Size)
	}
	got := map[uint64]string{}
	err = l.Entries(ctx, head, 0, head.Size, func(e ctmonitor.Entry) error {
		tbs := e.Cert
		if !e.Precert {
			c, err := x509.ParseCertificate(e.Cert)
			if err != nil {
				return err
			}
			tbs = c.RawTBSCertificate
		}
		h := sha256.Sum256(tbs)
		if w, ok := want[e.Index]; ok {
			got[e.Index] = hex.EncodeToString(h[:])
			if got[e.Index] != w {
				t.Errorf("entry %d: TBS hash %x; expected.txt says %s", e.Index, h, w)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d of the %d watched entries", len(got), len(want))
	}
}
