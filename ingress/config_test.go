package ingress

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestParseConfig(t *testing.T) {
	c, err := ParseConfig(env(
		"DOMAIN", "App.Example.com",
		"DOMAINS", "*.api.example.com, app.example.com",
		"ROUTING_MAP", "db.example.com=tcp://db:5432\nws.example.com=ws:8080",
		"TARGET_ENDPOINT", "http://app:80",
		"CERTBOT_EMAIL", "ops@example.com",
		"CERTBOT_STAGING", "true",
		"CLOUDFLARE_API_TOKEN", "t",
		"SET_CAA", "true",
	))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Domains, ",") != "app.example.com,*.api.example.com,db.example.com,ws.example.com" {
		t.Errorf("domains = %v", c.Domains)
	}
	if c.Routes["db.example.com"].String() != "tcp://db:5432" || c.Routes["ws.example.com"].String() != "http://ws:8080" || c.Default.String() != "http://app:80" {
		t.Errorf("routes = %v default %v", c.Routes, c.Default)
	}
	if c.ACMEDirectory != letsEncryptStaging || c.ACMEEmail != "ops@example.com" || c.DNS.Provider != "cloudflare" || !c.SetCAA || c.Port != 443 || c.TXTPrefix != "_dstack-app-address" {
		t.Errorf("config = %+v", c)
	}
	if c.MaxConns != 10000 || c.MaxConnsPerIP != 100 {
		t.Errorf("connection limits %d, %d per IP; want the defaults 10000, 100", c.MaxConns, c.MaxConnsPerIP)
	}
	c, err = ParseConfig(env("DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "CLOUDFLARE_API_TOKEN", "t", "MAX_CONNS_PER_IP", "0"))
	if err != nil || c.MaxConnsPerIP != 0 {
		t.Errorf("MAX_CONNS_PER_IP=0 (no bound): %d, %v", c.MaxConnsPerIP, err)
	}
	c, err = ParseConfig(env("DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "RFC2136_SERVER", "127.0.0.1:53", "RFC2136_KEY_NAME", "k.", "RFC2136_KEY_SECRET", "c2VjcmV0"))
	if err != nil || c.DNS.Provider != "rfc2136" || c.ACMEDirectory != letsEncryptProduction {
		t.Errorf("rfc2136 detection: %+v %v", c, err)
	}
}

// Every problem is reported at once, each naming its setting.
func TestParseConfigListsEveryProblem(t *testing.T) {
	_, err := ParseConfig(env(
		"DOMAINS", "ok.example.com,bad_name.example.com,*.com,x..example.com,ünï.example.com",
		"ROUTING_MAP", "a.example.com=backend,=x:1,b.example.com=ftp://b:21",
		"PORT", "99999",
		"DNS_PROVIDER", "gandi",
		"ACME_STAGING", "maybe",
		"HEADER_TIMEOUT", "soon",
		"MAX_CONNS_PER_IP", "-1",
	))
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{
		`DOMAINS: "bad_name.example.com": label "bad_name" has character '_'`,
		`DOMAINS: "*.com": a wildcard needs a base of at least two labels`,
		`DOMAINS: "x..example.com": label "" must be 1-63 characters`,
		`(use its punycode xn-- form)`,
		`ROUTING_MAP: entry "a.example.com=backend": "backend" is not host:port`,
		`ROUTING_MAP: entry "=x:1" is not domain=host:port`,
		`ROUTING_MAP: entry "b.example.com=ftp://b:21": scheme "ftp" is not http, https or tcp`,
		`PORT: "99999" is not a port`,
		`DNS_PROVIDER: unknown provider "gandi" (supported: cloudflare, rfc2136, route53, linode, namecheap)`,
		`ACME_STAGING: "maybe" is not true or false`,
		`HEADER_TIMEOUT: "soon" is not a positive duration`,
		`MAX_CONNS_PER_IP: "-1" is not a number from 0 to 1048576`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	_, err = ParseConfig(env())
	for _, want := range []string{"DOMAIN: no domain given", "TARGET_ENDPOINT: no target given", "DNS_PROVIDER: no DNS provider"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("empty config error lacks %q: %v", want, err)
		}
	}
	_, err = ParseConfig(env("DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "RFC2136_SERVER", "127.0.0.1:53", "RFC2136_KEY_NAME", "k.", "RFC2136_KEY_SECRET", "not base64!"))
	if err == nil || !strings.Contains(err.Error(), "RFC2136_KEY_SECRET: is not base64") || strings.Contains(err.Error(), "not base64!") {
		t.Errorf("bad TSIG secret: %v (must name the variable, never echo the secret)", err)
	}
	_, err = ParseConfig(env("DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "DNS_PROVIDER", "rfc2136", "RFC2136_KEY_ALG", "md5"))
	for _, want := range []string{"RFC2136_SERVER", "RFC2136_KEY_NAME", "RFC2136_KEY_SECRET", `RFC2136_KEY_ALG: "md5"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("rfc2136 error lacks %q: %v", want, err)
		}
	}
}

var secretNames = []string{
	"CLOUDFLARE_API_TOKEN", "RFC2136_KEY_SECRET",
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
	"LINODE_API_TOKEN", "NAMECHEAP_API_KEY",
}

// Secrets come from the environment or from NAME_FILE, never from flags:
// no secret setting has a flag, a file's value is read, and an error never
// echoes a secret.
func TestSecretsFromEnvironmentOrFile(t *testing.T) {
	for _, s := range Settings {
		if s.Secret != slices.Contains(secretNames, s.Name) {
			t.Errorf("%s: Secret = %v", s.Name, s.Secret)
		}
		if s.Secret && s.Flag() != "" {
			t.Errorf("secret %s has a flag %q", s.Name, s.Flag())
		}
	}
	dir := t.TempDir()
	secretFile := filepath.Join(dir, "tsig")
	os.WriteFile(secretFile, []byte("c2VjcmV0\n"), 0o600)
	base := []string{"DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "RFC2136_SERVER", "127.0.0.1:53", "RFC2136_KEY_NAME", "k."}
	c, err := ParseConfig(env(append(base, "RFC2136_KEY_SECRET_FILE", secretFile)...))
	if err != nil || c.DNS.RFC2136Secret != "c2VjcmV0" {
		t.Fatalf("secret from file: %q, %v", c.DNS.RFC2136Secret, err)
	}
	tokenFile := filepath.Join(dir, "token")
	os.WriteFile(tokenFile, []byte("cf-token"), 0o600)
	c, err = ParseConfig(env("DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "CLOUDFLARE_API_TOKEN_FILE", tokenFile))
	if err != nil || c.DNS.Provider != "cloudflare" || c.DNS.CloudflareToken != "cf-token" {
		t.Fatalf("token from file: %+v, %v", c.DNS, err)
	}
	for _, tc := range []struct {
		kv   []string
		want string
	}{
		{[]string{"RFC2136_KEY_SECRET_FILE", filepath.Join(dir, "missing")}, "RFC2136_KEY_SECRET: RFC2136_KEY_SECRET_FILE: open " + filepath.Join(dir, "missing")},
		{[]string{"RFC2136_KEY_SECRET", "c2VjcmV0", "RFC2136_KEY_SECRET_FILE", secretFile}, "RFC2136_KEY_SECRET: set together with RFC2136_KEY_SECRET_FILE; give one"},
		{[]string{"RFC2136_KEY_SECRET_FILE", tokenFile}, "RFC2136_KEY_SECRET: is not base64"},
	} {
		_, err := ParseConfig(env(append(base, tc.kv...)...))
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "cf-token") {
			t.Errorf("%v: %v, want %q and no secret in it", tc.kv, err, tc.want)
		}
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, nil, 0o600)
	if _, err := ParseConfig(env(append(base, "RFC2136_KEY_SECRET_FILE", empty)...)); err == nil || !strings.Contains(err.Error(), "RFC2136_KEY_SECRET_FILE \""+empty+"\" is empty") {
		t.Errorf("empty secret file: %v", err)
	}
}

// Problems found while reading files and addresses join the one list.
func TestParseConfigChecksFilesAndAddresses(t *testing.T) {
	notPEM := filepath.Join(t.TempDir(), "roots.pem")
	os.WriteFile(notPEM, []byte("not a certificate"), 0o644)
	_, err := ParseConfig(env("DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "CLOUDFLARE_API_TOKEN", "t",
		"ACME_CA_ROOTS", notPEM, "LISTEN_ADDR", "256.1.1.1", "PORT", "0"))
	for _, want := range []string{`ACME_CA_ROOTS: "` + notPEM + `" holds no PEM certificate`, `LISTEN_ADDR: "256.1.1.1" is not an IP address`, `PORT: "0" is not a port`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

// FuzzParseConfig: any text in the settings most often mistyped gives a
// config that holds together, or a list of problems; never a panic.
func FuzzParseConfig(f *testing.F) {
	f.Add("app.example.com", "app:80", "", "443", "")
	f.Add("a.example.com,*.example.com", "", "a.example.com=tcp://db:5432,x.example.com=x:1", "8443", "1.2.3.4:53")
	f.Add("*.com", "ftp://x:1", "=x:1", "99999", "nope")
	f.Add("", "", "b.example.com=b:1\n*.c.example.com=c:2", "1", "")
	f.Fuzz(func(t *testing.T, domains, target, routes, port, resolvers string) {
		c, err := ParseConfig(env("DOMAINS", domains, "TARGET_ENDPOINT", target, "ROUTING_MAP", routes, "PORT", port,
			"DNS_RESOLVERS", resolvers, "CLOUDFLARE_API_TOKEN", "t"))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "invalid ingress configuration:\n  ") {
				t.Fatalf("error does not list problems: %v", err)
			}
			return
		}
		if len(c.Domains) == 0 || c.Port < 1 || c.Port > 65535 || (c.Default == nil && len(c.Routes) == 0) {
			t.Fatalf("accepted an incomplete config: %+v", c)
		}
		for _, d := range c.Domains {
			if checkDomain(d) != nil {
				t.Fatalf("accepted domain %q", d)
			}
		}
		for d := range c.Routes {
			if !slices.Contains(c.Domains, d) && !coveredByWildcard(c.Domains, d) {
				t.Fatalf("route %q serves no domain of %v", d, c.Domains)
			}
		}
	})
}

// base is a configuration that parses; a test adds the settings it checks.
var base = []string{"DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "CLOUDFLARE_API_TOKEN", "t"}

// A list item with white space in it is refused, naming the item, rather
// than read as several items.
func TestParseConfigRefusesWhiteSpaceInListItems(t *testing.T) {
	for _, tc := range []struct{ setting, value, want string }{
		{"DOMAINS", "a.example.com b.example.com", `DOMAINS: "a.example.com b.example.com": contains white space`},
		{"DOMAINS", "ok.example.com,a.example.com\tb.example.com", `DOMAINS: "a.example.com\tb.example.com": contains white space`},
		{"DOMAIN", "x.example.com y.example.com", `DOMAIN: "x.example.com y.example.com": contains white space`},
		{"DNS_RESOLVERS", "1.1.1.1:53 8.8.8.8:53", `DNS_RESOLVERS: "1.1.1.1:53 8.8.8.8:53" is not host:port`},
		{"ROUTING_MAP", "a.example.com=a:1 b.example.com=b:2", `ROUTING_MAP: entry "a.example.com=a:1 b.example.com=b:2"`},
	} {
		_, err := ParseConfig(env(append(slices.Clone(base), tc.setting, tc.value, "PORT", "0")...))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), `PORT: "0"`) {
			t.Errorf("%s=%q: %v\nwant %q in the combined list", tc.setting, tc.value, err, tc.want)
		}
	}
	c, err := ParseConfig(env("DOMAINS", " a.example.com ,\n b.example.com\n", "TARGET_ENDPOINT", "a:1", "CLOUDFLARE_API_TOKEN", "t"))
	if err != nil || strings.Join(c.Domains, ",") != "a.example.com,b.example.com" {
		t.Errorf("white space around items: %v %v", c, err)
	}
}

// An address whose host or port does not parse is refused, in the list.
func TestParseConfigRefusesUnparsableAddresses(t *testing.T) {
	for _, tc := range []struct{ setting, value, want string }{
		{"LISTEN_ADDR", "256.1.1.1", `LISTEN_ADDR: "256.1.1.1" is not an IP address`},
		{"LISTEN_ADDR", "localhost", `LISTEN_ADDR: "localhost" is not an IP address`},
		{"STATUS_ADDR", "256.1.1.1:8089", `STATUS_ADDR: "256.1.1.1:8089": host "256.1.1.1" is not an IP address`},
		{"STATUS_ADDR", "127.0.0.1:99999", `STATUS_ADDR: "127.0.0.1:99999": port "99999" is not 1-65535`},
		{"STATUS_ADDR", "127.0.0.1:http", `STATUS_ADDR: "127.0.0.1:http": port "http" is not 1-65535`},
		{"STATUS_ADDR", "127.0.0.1", `STATUS_ADDR: "127.0.0.1" is not host:port`},
		{"RFC2136_SERVER", "ns_1.example.com:53", `RFC2136_SERVER: "ns_1.example.com:53": host "ns_1.example.com" has character '_'`},
		{"RFC2136_SERVER", ":53", `RFC2136_SERVER: ":53": host is empty`},
		{"DNS_RESOLVERS", "1.1.1.1:53,8.8.8.8:0", `DNS_RESOLVERS: "8.8.8.8:0": port "0" is not 1-65535`},
	} {
		_, err := ParseConfig(env(append(slices.Clone(base), tc.setting, tc.value, "PORT", "0")...))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), `PORT: "0"`) {
			t.Errorf("%s=%q: %v\nwant %q in the combined list", tc.setting, tc.value, err, tc.want)
		}
	}
	for _, ok := range [][]string{{"STATUS_ADDR", ":8089"}, {"RFC2136_SERVER", "ns1.example.com:53"}, {"DNS_RESOLVERS", "[::1]:53"}, {"LISTEN_ADDR", "::1"}} {
		if _, err := ParseConfig(env(append(slices.Clone(base), ok...)...)); err != nil {
			t.Errorf("%v refused: %v", ok, err)
		}
	}
}

// A roots file that is missing, unreadable or not PEM is one problem in
// the list, naming the setting and the path.
func TestParseConfigRefusesBadRootsFiles(t *testing.T) {
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "roots.pem")
	os.WriteFile(notPEM, []byte("not a certificate"), 0o644)
	missing := filepath.Join(dir, "missing.pem")
	for _, tc := range []struct{ setting, value, want string }{
		{"ACME_CA_ROOTS", notPEM, `ACME_CA_ROOTS: "` + notPEM + `" holds no PEM certificate`},
		{"ACME_CA_ROOTS", missing, `ACME_CA_ROOTS: "` + missing + `" cannot be read: no such file or directory`},
		{"ACME_CA_ROOTS", dir, `ACME_CA_ROOTS: "` + dir + `" cannot be read: is a directory`},
	} {
		_, err := ParseConfig(env(append(slices.Clone(base), tc.setting, tc.value, "PORT", "0")...))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), `PORT: "0"`) ||
			!strings.HasPrefix(err.Error(), "invalid ingress configuration:\n") {
			t.Errorf("%s=%q: %v\nwant %q in the combined list", tc.setting, tc.value, err, tc.want)
		}
	}
}

// GATEWAY_DOMAIN takes dstack's "_.<base>" gateway name, and nothing else
// that is not a host name.
func TestParseConfigGatewayDomain(t *testing.T) {
	c, err := ParseConfig(env(append(slices.Clone(base), "GATEWAY_DOMAIN", "_.dstack-prod5.phala.network")...))
	if err != nil || c.GatewayDomain != "_.dstack-prod5.phala.network" {
		t.Fatalf("dstack gateway name: %q, %v", c.GatewayDomain, err)
	}
	for _, v := range []string{"*.dstack-prod5.phala.network", "a_b.example.com", "_", "x._.example.com"} {
		if _, err := ParseConfig(env(append(slices.Clone(base), "GATEWAY_DOMAIN", v)...)); err == nil || !strings.Contains(err.Error(), "GATEWAY_DOMAIN: \""+v+"\" is not a host name") {
			t.Errorf("%q: %v", v, err)
		}
	}
}
