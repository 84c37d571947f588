package ingress

import (
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
	if c.ACMEDirectory != LetsEncryptStaging || c.ACMEEmail != "ops@example.com" || c.DNS.Provider != "cloudflare" || !c.SetCAA || c.Port != 443 || c.TXTPrefix != "_dstack-app-address" {
		t.Errorf("config = %+v", c)
	}
	c, err = ParseConfig(env("DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1", "RFC2136_SERVER", "127.0.0.1:53", "RFC2136_KEY_NAME", "k.", "RFC2136_KEY_SECRET", "c2VjcmV0"))
	if err != nil || c.DNS.Provider != "rfc2136" || c.ACMEDirectory != LetsEncryptProduction {
		t.Errorf("rfc2136 detection: %+v %v", c, err)
	}
}

// Every problem is reported at once, each naming its setting.
func TestParseConfigListsEveryProblem(t *testing.T) {
	_, err := ParseConfig(env(
		"DOMAINS", "ok.example.com,bad_name.example.com,*.com,x..example.com,ünï.example.com",
		"ROUTING_MAP", "a.example.com=backend,=x:1,b.example.com=ftp://b:21",
		"PORT", "99999",
		"DNS_PROVIDER", "route53",
		"ACME_STAGING", "maybe",
		"HEADER_TIMEOUT", "soon",
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
		`DNS_PROVIDER: unknown provider "route53" (supported: cloudflare, rfc2136)`,
		`ACME_STAGING: "maybe" is not true or false`,
		`HEADER_TIMEOUT: "soon" is not a positive duration`,
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
