package ingress

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/caddyserver/certmagic"
	"github.com/libdns/cloudflare"
	"github.com/libdns/libdns"
	"github.com/libdns/linode"
	"github.com/libdns/namecheap"
	"github.com/libdns/rfc2136"
	"github.com/libdns/route53"

	"github.com/devproof/devproof/internal/retry"
	"github.com/devproof/devproof/internal/tee"
)

// DNSProvider is what the ingress needs from a libdns provider: certmagic's
// DNS-01 solver appends and deletes challenge records; publication sets
// whole RRsets so that re-running replaces instead of duplicating.
type DNSProvider interface {
	libdns.RecordAppender
	libdns.RecordDeleter
	libdns.RecordSetter
}

// newDNSProvider builds the provider the configuration names.
func newDNSProvider(c DNSConfig) (DNSProvider, error) {
	switch c.Provider {
	case "cloudflare":
		return &cloudflare.Provider{APIToken: c.CloudflareToken}, nil
	case "rfc2136":
		return &rfc2136.Provider{Server: c.RFC2136Server, KeyName: c.RFC2136KeyName, KeyAlg: c.RFC2136KeyAlg, Key: c.RFC2136Secret}, nil
	case "route53":
		return &route53.Provider{
			AccessKeyId:     c.AWSAccessKeyID,
			SecretAccessKey: c.AWSSecretAccessKey,
			SessionToken:    c.AWSSessionToken,
			Region:          c.AWSRegion,
		}, nil
	case "linode":
		return &linodeProvider{p: &linode.Provider{APIToken: c.LinodeToken}}, nil
	case "namecheap":
		return &namecheap.Provider{APIKey: c.NamecheapAPIKey, User: c.NamecheapUser, ClientIP: c.NamecheapClientIP}, nil
	}
	return nil, fmt.Errorf("unknown DNS provider %q (supported: %s)", c.Provider, strings.Join(dnsProviders, ", "))
}

// linodeProvider keeps libdns/linode (v0.5.0) from replacing the process's
// default slog logger, which it does on its first call.
type linodeProvider struct {
	p    *linode.Provider
	once sync.Once
}

func (l *linodeProvider) call(f func()) {
	first := false
	l.once.Do(func() {
		first = true
		prev := slog.Default()
		defer slog.SetDefault(prev)
		f()
	})
	if !first {
		f()
	}
}

func (l *linodeProvider) AppendRecords(ctx context.Context, zone string, recs []libdns.Record) (out []libdns.Record, err error) {
	l.call(func() { out, err = l.p.AppendRecords(ctx, zone, recs) })
	return
}

func (l *linodeProvider) DeleteRecords(ctx context.Context, zone string, recs []libdns.Record) (out []libdns.Record, err error) {
	l.call(func() { out, err = l.p.DeleteRecords(ctx, zone, recs) })
	return
}

func (l *linodeProvider) SetRecords(ctx context.Context, zone string, recs []libdns.Record) (out []libdns.Record, err error) {
	l.call(func() { out, err = l.p.SetRecords(ctx, zone, recs) })
	return
}

const recordTTL = 60 * time.Second

// cloudflareRRsets gives libdns/cloudflare the RRset semantics libdns
// documents for SetRecords. Its own SetRecords (v0.2.2) updates one record
// per name and type, so two records of one RRset (a CAA issue and issuewild
// at the same name) overwrite each other, and an RRset that already holds
// two records is refused.
type cloudflareRRsets struct{ *cloudflare.Provider }

// SetRecords makes each (name, type) RRset in recs hold exactly the records
// given: stale ones are deleted, missing ones appended, matching ones left.
func (p cloudflareRRsets) SetRecords(ctx context.Context, zone string, recs []libdns.Record) ([]libdns.Record, error) {
	type rrset struct{ name, typ string }
	want := map[rrset]map[string]bool{}
	for _, r := range recs {
		rr := r.RR()
		k := rrset{strings.ToLower(rr.Name), rr.Type}
		if want[k] == nil {
			want[k] = map[string]bool{}
		}
		want[k][rr.Data] = true
	}
	existing, err := p.GetRecords(ctx, zone)
	if err != nil {
		return nil, err
	}
	var stale []libdns.Record
	have := map[rrset]map[string]bool{}
	for _, r := range existing {
		rr := r.RR()
		k := rrset{strings.ToLower(rr.Name), rr.Type}
		if want[k] == nil {
			continue // an RRset this call does not touch
		}
		if !want[k][rr.Data] || have[k][rr.Data] {
			stale = append(stale, r)
			continue
		}
		if have[k] == nil {
			have[k] = map[string]bool{}
		}
		have[k][rr.Data] = true
	}
	var missing []libdns.Record
	for _, r := range recs {
		rr := r.RR()
		if !have[rrset{strings.ToLower(rr.Name), rr.Type}][rr.Data] {
			missing = append(missing, r)
		}
	}
	if len(stale) > 0 {
		if _, err := p.DeleteRecords(ctx, zone, stale); err != nil {
			return nil, err
		}
	}
	if len(missing) > 0 {
		if _, err := p.AppendRecords(ctx, zone, missing); err != nil {
			return nil, err
		}
	}
	return recs, nil
}

// txtName is where the dstack gateway looks up an app's address:
// <prefix>.<domain>, or <prefix>-wildcard.<base> for *.<base>.
func txtName(prefix, domain string) string {
	if base, ok := strings.CutPrefix(domain, "*."); ok {
		return prefix + "-wildcard." + base
	}
	return prefix + "." + domain
}

// caaRecord pins issuance for domain to one ACME account and one challenge
// type (RFC 8659, RFC 8657); a wildcard is governed by issuewild at its
// base.
func caaRecord(issuer, domain, accountURI, method string) (name string, rec libdns.CAA) {
	tag := "issue"
	name = domain
	if base, ok := strings.CutPrefix(domain, "*."); ok {
		tag, name = "issuewild", base
	}
	return name, libdns.CAA{TTL: recordTTL, Tag: tag, Value: issuer + ";validationmethods=" + method + ";accounturi=" + accountURI}
}

// publisher writes the app's DNS records through the provider.
type publisher struct {
	provider  DNSProvider
	resolvers []string
	// delegation, when set, is DELEGATION_ZONE: every name is written
	// there instead (delegatedName), for the domain's owner to CNAME.
	delegation string
	log        *slog.Logger
}

// set replaces, for each name, the RRsets of the records given there.
// Names are absolute; each is written in the zone that contains it.
func (p *publisher) set(ctx context.Context, byName map[string][]libdns.Record) error {
	if p.provider == nil {
		for _, name := range slices.Sorted(maps.Keys(byName)) {
			for _, r := range byName[name] {
				rr := r.RR()
				p.log.Warn("DNS record to create: the ingress has no DNS provider", "name", name, "type", rr.Type, "data", rr.Data)
			}
		}
		return nil
	}
	byZone := map[string][]libdns.Record{}
	for name, recs := range byName {
		name = delegatedName(name, p.delegation)
		zone, err := certmagic.FindZoneByFQDN(ctx, zapToSlog(p.log), name+".", certmagic.RecursiveNameservers(p.resolvers))
		if err != nil {
			return fmt.Errorf("finding the DNS zone of %s: %w", name, err)
		}
		rel := libdns.RelativeName(name+".", zone)
		for _, r := range recs {
			byZone[zone] = append(byZone[zone], withName(r, rel))
		}
	}
	for zone, recs := range byZone {
		if _, err := p.provider.SetRecords(ctx, zone, recs); err != nil {
			return fmt.Errorf("writing DNS records in zone %s: %w", zone, err)
		}
		for _, r := range recs {
			rr := r.RR()
			p.log.Info("DNS record published", "zone", zone, "name", rr.Name, "type", rr.Type, "data", rr.Data)
		}
	}
	return nil
}

func withName(r libdns.Record, name string) libdns.Record {
	switch r := r.(type) {
	case libdns.TXT:
		r.Name = name
		return r
	case libdns.CNAME:
		r.Name = name
		return r
	case libdns.CAA:
		r.Name = name
		return r
	}
	rr := r.RR()
	rr.Name = name
	return rr
}

// addressRecords are the TXT (and, with a gateway, CNAME) records that
// route the gateway to this app. With tls-alpn-01 they name this instance
// rather than the app, as dstack-ingress does: the CA's connections must
// reach the instance that holds the challenge, not any of the app's.
func addressRecords(c *Config, info *tee.InfoResponse) map[string][]libdns.Record {
	id := info.AppID
	if c.Challenge == challengeTLSALPN01 {
		id = info.InstanceID
	}
	out := map[string][]libdns.Record{}
	for _, d := range c.Domains {
		out[txtName(c.TXTPrefix, d)] = []libdns.Record{libdns.TXT{TTL: recordTTL, Text: fmt.Sprintf("%s:%d", id, c.Port)}}
		if c.GatewayDomain != "" {
			out[d] = append(out[d], libdns.CNAME{TTL: recordTTL, Target: c.GatewayDomain + "."})
		}
	}
	return out
}

// caaRecords pins every domain to the account, grouping issue and
// issuewild records that share a name into one RRset.
func caaRecords(c *Config, accountURI string) map[string][]libdns.Record {
	out := map[string][]libdns.Record{}
	seen := map[string]bool{}
	for _, d := range c.Domains {
		name, rec := caaRecord(c.CAAIssuer, d, accountURI, c.Challenge)
		if k := name + " " + rec.Tag; !seen[k] {
			seen[k] = true
			out[name] = append(out[name], rec)
		}
	}
	return out
}

// publishAddresses writes the address records, retrying until they are
// written or ctx ends.
func (in *Ingress) publishAddresses(ctx context.Context) {
	err := retry.Do(ctx, retry.Backoff{}, func(ctx context.Context) error {
		return in.pub.set(ctx, addressRecords(in.cfg, in.info))
	}, func(n int, err error, wait time.Duration) {
		in.log.Warn("DNS publication failed; retrying", "err", err, "attempt", n, "wait", wait)
		in.setStatus(func(s *Status) { s.DNS = "publishing failed: " + err.Error() + "; retrying" })
	})
	if err != nil {
		return // ctx ended
	}
	in.setStatus(func(s *Status) {
		s.DNS = "published"
		if in.pub.provider == nil {
			s.DNS = "no DNS provider: the records to create are in the log"
		}
	})
	in.emit(ctx, "dns_published", map[string]any{"records": "address"})
}

// publishCAA pins issuance to the account, once per account URI.
func (in *Ingress) publishCAA(ctx context.Context, accountURI string) error {
	in.mu.Lock()
	done := !in.cfg.SetCAA || in.caaFor == accountURI
	in.mu.Unlock()
	if done {
		return nil
	}
	if err := in.pub.set(ctx, caaRecords(in.cfg, accountURI)); err != nil {
		return fmt.Errorf("CAA: %w", err)
	}
	in.mu.Lock()
	in.caaFor = accountURI
	in.mu.Unlock()
	in.emit(ctx, "dns_published", map[string]any{"records": "caa"})
	return nil
}
