package ingress

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/libdns/namecheap"
	"github.com/libdns/route53"
)

// Each provider is chosen by DNS_PROVIDER or detected from its
// credentials, refuses to start without them, naming each missing
// variable, and is built with the values given.
func TestDNSProvidersRoute53LinodeNamecheap(t *testing.T) {
	base := []string{"DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1"}
	keyFile := filepath.Join(t.TempDir(), "aws-secret")
	os.WriteFile(keyFile, []byte("aws-secret-from-file\n"), 0o600)

	c, err := ParseConfig(env(append(base, "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY_FILE", keyFile, "AWS_REGION", "eu-west-1")...))
	if err != nil {
		t.Fatal(err)
	}
	if c.DNS.Provider != "route53" {
		t.Fatalf("detected %q from AWS_ACCESS_KEY_ID, want route53", c.DNS.Provider)
	}
	p, err := newDNSProvider(c.DNS)
	if err != nil {
		t.Fatal(err)
	}
	r53, ok := p.(*route53.Provider)
	if !ok || r53.AccessKeyId != "AKIDEXAMPLE" || r53.SecretAccessKey != "aws-secret-from-file" || r53.Region != "eu-west-1" || r53.SessionToken != "" {
		t.Errorf("route53 provider = %+v", p)
	}
	c, _ = ParseConfig(env(append(base, "DNS_PROVIDER", "route53", "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s")...))
	if c.DNS.AWSRegion != "us-east-1" {
		t.Errorf("default AWS_REGION = %q, want us-east-1 as dstack-ingress", c.DNS.AWSRegion)
	}

	c, err = ParseConfig(env(append(base, "LINODE_API_TOKEN", "linode-token")...))
	if err != nil || c.DNS.Provider != "linode" {
		t.Fatalf("linode detection: %+v %v", c, err)
	}
	p, _ = newDNSProvider(c.DNS)
	if l, ok := p.(*linodeProvider); !ok || l.p.APIToken != "linode-token" {
		t.Errorf("linode provider = %+v", p)
	}

	c, err = ParseConfig(env(append(base, "NAMECHEAP_API_KEY", "nc-key", "NAMECHEAP_USERNAME", "alice", "NAMECHEAP_CLIENT_IP", "203.0.113.7")...))
	if err != nil || c.DNS.Provider != "namecheap" {
		t.Fatalf("namecheap detection: %+v %v", c, err)
	}
	p, _ = newDNSProvider(c.DNS)
	if nc, ok := p.(*namecheap.Provider); !ok || nc.APIKey != "nc-key" || nc.User != "alice" || nc.ClientIP != "203.0.113.7" {
		t.Errorf("namecheap provider = %+v", p)
	}

	for _, tc := range []struct {
		kv   []string
		want []string
	}{
		{[]string{"DNS_PROVIDER", "route53"}, []string{"AWS_ACCESS_KEY_ID: required with DNS_PROVIDER=route53", "AWS_SECRET_ACCESS_KEY: required with DNS_PROVIDER=route53"}},
		{[]string{"DNS_PROVIDER", "route53", "AWS_ACCESS_KEY_ID", "AKID"}, []string{"AWS_SECRET_ACCESS_KEY: required with DNS_PROVIDER=route53"}},
		{[]string{"DNS_PROVIDER", "linode"}, []string{"LINODE_API_TOKEN: required with DNS_PROVIDER=linode"}},
		{[]string{"DNS_PROVIDER", "namecheap"}, []string{"NAMECHEAP_API_KEY: required", "NAMECHEAP_USERNAME: required", "NAMECHEAP_CLIENT_IP: required with DNS_PROVIDER=namecheap"}},
		{[]string{"NAMECHEAP_API_KEY", "k", "NAMECHEAP_USERNAME", "u", "NAMECHEAP_CLIENT_IP", "my-host"}, []string{`NAMECHEAP_CLIENT_IP: "my-host" is not an IP address`}},
		{[]string{"AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s", "AWS_REGION", "EU West"}, []string{`AWS_REGION: "EU West" is not an AWS region name`}},
		{[]string{"AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s", "AWS_ROLE_ARN", "arn:aws:iam::1:role/dns"}, []string{"AWS_ROLE_ARN: assuming a role is not supported"}},
	} {
		_, err := ParseConfig(env(append(base, tc.kv...)...))
		for _, w := range tc.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%v: error lacks %q: %v", tc.kv, w, err)
			}
		}
		if err != nil && strings.Contains(err.Error(), "AKID") {
			t.Errorf("%v: error echoes a credential: %v", tc.kv, err)
		}
	}
}

// dstack-ingress's haproxy names are aliases of the closest settings: each
// alone sets its setting, and when both are given the devproof name wins,
// as with CERTBOT_EMAIL and ACME_EMAIL.
func TestDstackIngressAliases(t *testing.T) {
	base := []string{"DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "CLOUDFLARE_API_TOKEN", "t"}
	c, err := ParseConfig(env(base...))
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxConns != 10000 || c.BackendDialTimeout != 10*time.Second || c.IdleTimeout != 120*time.Second || c.BackendTimeout != 60*time.Second || c.RenewInterval != 0 || c.Challenge != "dns-01" {
		t.Errorf("defaults: %+v", c)
	}
	c, err = ParseConfig(env(append(base, "MAXCONN", "4096", "TIMEOUT_CONNECT", "3s", "TIMEOUT_CLIENT", "86400s", "TIMEOUT_SERVER", "90s", "CERTBOT_EMAIL", "old@example.com")...))
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxConns != 4096 || c.BackendDialTimeout != 3*time.Second || c.IdleTimeout != 86400*time.Second || c.BackendTimeout != 90*time.Second || c.ACMEEmail != "old@example.com" {
		t.Errorf("aliases alone: max %d dial %v idle %v backend %v email %q", c.MaxConns, c.BackendDialTimeout, c.IdleTimeout, c.BackendTimeout, c.ACMEEmail)
	}
	c, err = ParseConfig(env(append(base,
		"MAXCONN", "4096", "MAX_CONNS", "50",
		"TIMEOUT_CONNECT", "3s", "BACKEND_DIAL_TIMEOUT", "4s",
		"TIMEOUT_CLIENT", "86400s", "IDLE_TIMEOUT", "30s",
		"TIMEOUT_SERVER", "90s", "BACKEND_TIMEOUT", "20s",
		"CERTBOT_EMAIL", "old@example.com", "ACME_EMAIL", "new@example.com")...))
	if err != nil {
		t.Fatal(err)
	}
	if c.MaxConns != 50 || c.BackendDialTimeout != 4*time.Second || c.IdleTimeout != 30*time.Second || c.BackendTimeout != 20*time.Second || c.ACMEEmail != "new@example.com" {
		t.Errorf("name and alias: max %d dial %v idle %v backend %v email %q", c.MaxConns, c.BackendDialTimeout, c.IdleTimeout, c.BackendTimeout, c.ACMEEmail)
	}
	// An alias's bad value is reported under the setting's name.
	_, err = ParseConfig(env(append(base, "MAXCONN", "lots", "TIMEOUT_CONNECT", "10")...))
	for _, want := range []string{`MAX_CONNS: "lots" is not a number`, `BACKEND_DIAL_TIMEOUT: "10" is not a positive duration`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

// RENEW_INTERVAL takes dstack-ingress's seconds or a Go duration.
func TestRenewInterval(t *testing.T) {
	base := []string{"DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "CLOUDFLARE_API_TOKEN", "t"}
	for v, want := range map[string]time.Duration{"43200": 12 * time.Hour, "90m": 90 * time.Minute} {
		c, err := ParseConfig(env(append(base, "RENEW_INTERVAL", v)...))
		if err != nil || c.RenewInterval != want {
			t.Errorf("RENEW_INTERVAL=%s: %v, %v; want %v", v, c.RenewInterval, err, want)
		}
	}
	for _, v := range []string{"0", "-5", "soon"} {
		_, err := ParseConfig(env(append(base, "RENEW_INTERVAL", v)...))
		if err == nil || !strings.Contains(err.Error(), "RENEW_INTERVAL: \""+v+"\"") {
			t.Errorf("RENEW_INTERVAL=%s: %v", v, err)
		}
	}
}

// The settings that change how certificates are obtained and where records
// go refuse what they cannot do, naming the setting.
func TestChallengeDelegationAliasSettings(t *testing.T) {
	base := []string{"DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "CLOUDFLARE_API_TOKEN", "t"}
	c, err := ParseConfig(env(append(base, "CHALLENGE_TYPE", "TLS-ALPN-01", "DELEGATION_ZONE", "Acme.Example.NET.", "ALIAS_DOMAIN", "www.example.com",
		"ROUTING_MAP", "a.example.com=tcp://db:5432,b.example.com=b:80")...))
	if err != nil {
		t.Fatal(err)
	}
	if c.Challenge != "tls-alpn-01" || c.DNS.DelegationZone != "acme.example.net" {
		t.Errorf("challenge %q zone %q", c.Challenge, c.DNS.DelegationZone)
	}
	if strings.Join(c.Domains, ",") != "a.example.com,b.example.com,www.example.com" || c.Routes["www.example.com"].String() != "tcp://db:5432" {
		t.Errorf("alias: domains %v, routes %v", c.Domains, c.Routes)
	}
	for _, tc := range []struct {
		kv   []string
		want string
	}{
		{[]string{"CHALLENGE_TYPE", "http-01"}, `CHALLENGE_TYPE: "http-01" is not dns-01 or tls-alpn-01`},
		{[]string{"CHALLENGE_TYPE", "tls-alpn-01", "DOMAINS", "*.example.com"}, `CHALLENGE_TYPE: tls-alpn-01 cannot validate the wildcard "*.example.com"`},
		{[]string{"DELEGATION_ZONE", "*.example.net"}, `DELEGATION_ZONE: "*.example.net" is not a zone name`},
		{[]string{"DELEGATION_ZONE", "net"}, `DELEGATION_ZONE: "net" is not a zone name`},
		{[]string{"ALIAS_DOMAIN", "www_x.example.com"}, `ALIAS_DOMAIN: "www_x.example.com": label "www_x" has character '_'`},
		{[]string{"ALIAS_DOMAIN", "a.example.com"}, `ALIAS_DOMAIN: "a.example.com" is already served as a domain`},
	} {
		_, err := ParseConfig(env(append(base, tc.kv...)...))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want %q", tc.kv, err, tc.want)
		}
	}
}

// devproofOnly are the settings dstack-ingress does not have.
var devproofOnly = []string{
	"LISTEN_ADDR", "HTTP_REDIRECT_PORT", "ACME_DIRECTORY", "ACME_CA_ROOTS", "CAA_ISSUER",
	"RFC2136_SERVER", "RFC2136_KEY_NAME", "RFC2136_KEY_ALG", "RFC2136_KEY_SECRET", "DNS_RESOLVERS",
	"RENEW_DAYS_BEFORE", "STORAGE_DIR", "HEADER_TIMEOUT", "IDLE_TIMEOUT", "BACKEND_DIAL_TIMEOUT",
	"BACKEND_TIMEOUT", "BODY_TIMEOUT", "WRITE_TIMEOUT", "DRAIN_TIMEOUT", "MAX_CONNS", "MAX_CONNS_PER_IP",
	"PROXY_PROTOCOL", "STATUS_ADDR", "TUNNEL_PORT", "TUNNEL_ROUTES",
}

// The README's dstack-ingress table names every setting and alias that is
// not devproof's own, and names no devproof setting that does not exist.
func TestREADMEListsDstackIngressSettings(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n### dstack-ingress settings\n")
	if !ok {
		t.Fatal(`README.md has no "### dstack-ingress settings" section`)
	}
	section, _, _ = strings.Cut(section, "\n#")
	listed := map[string]bool{}
	for _, line := range strings.Split(section, "\n") {
		first, _, ok := strings.Cut(strings.TrimPrefix(line, "| "), " | ")
		if !ok || !strings.HasPrefix(line, "| `") {
			continue
		}
		for _, f := range strings.Split(first, ", ") {
			listed[strings.Trim(f, "`")] = true
		}
	}
	if len(listed) < 40 {
		t.Fatalf("the table lists only %d variables", len(listed))
	}
	known := map[string]bool{}
	for _, s := range Settings {
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			known[n] = true
			if !listed[n] && !slices.Contains(devproofOnly, n) {
				t.Errorf("%s is neither in README.md's dstack-ingress table nor devproof's own", n)
			}
			if listed[n] && slices.Contains(devproofOnly, n) {
				t.Errorf("%s is listed as dstack-ingress's but marked devproof's own", n)
			}
		}
	}
	for _, line := range strings.Split(section, "\n") {
		for _, word := range []string{"alias of `"} {
			if _, rest, ok := strings.Cut(line, word); ok {
				name, _, _ := strings.Cut(rest, "`")
				if !known[name] {
					t.Errorf("README.md says %s%s`, which is no setting", word, name)
				}
			}
		}
	}
}

// Only tls-alpn-01 runs without a DNS provider, and not with a delegation
// zone, which it would have to write in.
func TestTLSALPNNeedsNoDNSProvider(t *testing.T) {
	base := []string{"DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1"}
	c, err := ParseConfig(env(append(base, "CHALLENGE_TYPE", "tls-alpn-01")...))
	if err != nil || c.DNS.Provider != "" {
		t.Errorf("tls-alpn-01 without a provider: %q, %v", c.DNS.Provider, err)
	}
	_, err = ParseConfig(env(append(base, "CHALLENGE_TYPE", "tls-alpn-01", "DELEGATION_ZONE", "d.example.net")...))
	if err == nil || !strings.Contains(err.Error(), "DELEGATION_ZONE: needs a DNS provider") {
		t.Errorf("tls-alpn-01 with a delegation zone and no provider: %v", err)
	}
	_, err = ParseConfig(env(base...))
	if err == nil || !strings.Contains(err.Error(), "DNS_PROVIDER: no DNS provider") {
		t.Errorf("dns-01 without a provider: %v", err)
	}
}
