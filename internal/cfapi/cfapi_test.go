package cfapi

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/libdns/cloudflare"
	"github.com/libdns/libdns"
	"github.com/miekg/dns"

	"github.com/devproof/devproof/internal/dnsserver"
)

// The real libdns/cloudflare provider drives the stand-in, and what it
// writes resolves through the DNS server.
func TestLibdnsCloudflare(t *testing.T) {
	d, err := dnsserver.Start(dnsserver.Config{Zones: []string{"devproof.test"}})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	api := Start(d, "good-token", "devproof.test")
	defer api.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	p := &cloudflare.Provider{APIToken: "good-token", HTTPClient: api.Client()}
	recs := []libdns.Record{
		libdns.TXT{Name: "_dstack-app-address.app", TTL: time.Minute, Text: "abc:443"},
		libdns.CAA{Name: "app", TTL: time.Minute, Tag: "issue", Value: "letsencrypt.org;validationmethods=dns-01;accounturi=https://ca/acct/1"},
		libdns.CNAME{Name: "app", TTL: time.Minute, Target: "gw.devproof.test."},
	}
	if _, err := p.SetRecords(ctx, "devproof.test.", recs); err != nil {
		t.Fatal(err)
	}
	// Setting again replaces rather than duplicates.
	recs[0] = libdns.TXT{Name: "_dstack-app-address.app", TTL: time.Minute, Text: "def:443"}
	if _, err := p.SetRecords(ctx, "devproof.test.", recs); err != nil {
		t.Fatal(err)
	}
	txt := d.Records("_dstack-app-address.app.devproof.test", dns.TypeTXT)
	if len(txt) != 1 || txt[0].(*dns.TXT).Txt[0] != "def:443" {
		t.Errorf("TXT = %v", txt)
	}
	caa := d.Records("app.devproof.test", dns.TypeCAA)
	if len(caa) != 1 || !strings.Contains(caa[0].(*dns.CAA).Value, "accounturi=https://ca/acct/1") {
		t.Errorf("CAA = %v", caa)
	}
	got, err := p.GetRecords(ctx, "devproof.test.")
	if err != nil || len(got) != 3 {
		t.Errorf("GetRecords = %v, %v", got, err)
	}
	if _, err := p.DeleteRecords(ctx, "devproof.test.", recs[:1]); err != nil {
		t.Fatal(err)
	}
	if txt := d.Records("_dstack-app-address.app.devproof.test", dns.TypeTXT); len(txt) != 0 {
		t.Errorf("after delete: %v", txt)
	}

	bad := &cloudflare.Provider{APIToken: "wrong", HTTPClient: api.Client()}
	_, err = bad.SetRecords(ctx, "devproof.test.", recs)
	if err == nil || !strings.Contains(err.Error(), "403") {
		t.Errorf("rejected token: %v", err)
	}
}
