package ingress

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/libdns/libdns"
	"github.com/miekg/dns"
)

// countingProvider counts every call the ingress makes to DNS.
type countingProvider struct {
	DNSProvider
	calls atomic.Int32
}

func (p *countingProvider) AppendRecords(ctx context.Context, zone string, rs []libdns.Record) ([]libdns.Record, error) {
	p.calls.Add(1)
	return p.DNSProvider.AppendRecords(ctx, zone, rs)
}

func (p *countingProvider) SetRecords(ctx context.Context, zone string, rs []libdns.Record) ([]libdns.Record, error) {
	p.calls.Add(1)
	return p.DNSProvider.SetRecords(ctx, zone, rs)
}

func (p *countingProvider) DeleteRecords(ctx context.Context, zone string, rs []libdns.Record) ([]libdns.Record, error) {
	p.calls.Add(1)
	return p.DNSProvider.DeleteRecords(ctx, zone, rs)
}

// An unusable STORAGE_DIR is refused by New, naming it and what is wrong,
// before the CA or DNS is asked anything: no event, no DNS call, no record,
// no request to Pebble (so no account and no order).
func TestIngressRefusesUnusableStorageDir(t *testing.T) {
	t.Parallel()
	st := newStack(t)
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	readOnly := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(readOnly, 0o500); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ dir, want string }{
		{file, `STORAGE_DIR "` + file + `" is not a directory`},
		{filepath.Join(file, "sub"), `STORAGE_DIR "` + filepath.Join(file, "sub") + `": not a directory`},
	}
	if os.Geteuid() != 0 { // root writes through a read-only mode
		cases = append(cases, struct{ dir, want string }{readOnly, `STORAGE_DIR "` + readOnly + `" is not writable: permission denied`})
	}
	for _, tc := range cases {
		cfg, err := ParseConfig(st.env("rfc2136", "STORAGE_DIR", tc.dir))
		if err != nil {
			t.Fatal(err)
		}
		inner, err := newDNSProvider(cfg.DNS)
		if err != nil {
			t.Fatal(err)
		}
		p := &countingProvider{DNSProvider: inner}
		var events atomic.Int32
		asked := st.ca.Requests()
		_, err = New(context.Background(), cfg, Options{
			Agent:       st.agent,
			DNSProvider: p,
			ACMERoots:   st.ca.ServerRoots,
			OnEvent:     func(context.Context, string, map[string]any) { events.Add(1) },
		})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("STORAGE_DIR=%s: New: %v, want %q", tc.dir, err, tc.want)
		}
		if n := p.calls.Load(); n != 0 {
			t.Errorf("STORAGE_DIR=%s: %d DNS calls", tc.dir, n)
		}
		if n := st.ca.Requests() - asked; n != 0 {
			t.Errorf("STORAGE_DIR=%s: %d requests to the CA", tc.dir, n)
		}
		if n := events.Load(); n != 0 {
			t.Errorf("STORAGE_DIR=%s: %d events", tc.dir, n)
		}
	}
	for _, q := range []uint16{dns.TypeTXT, dns.TypeCAA} {
		for _, name := range []string{"_dstack-app-address." + testDomain, testDomain, "_acme-challenge." + testDomain} {
			if rrs := st.lookup(t, name, q); len(rrs) != 0 {
				t.Errorf("%s %s published: %v", name, dns.TypeToString[q], rrs)
			}
		}
	}
	if entries, _ := os.ReadDir(readOnly); len(entries) != 0 && os.Geteuid() != 0 {
		t.Errorf("files left in %s: %v", readOnly, entries)
	}
}
