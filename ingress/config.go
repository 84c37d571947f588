package ingress

import (
	"encoding/base64"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

// Setting is one configuration variable. Every setting is read from its
// environment variable and can be given as a flag of the same name in
// lower case with dashes (DOMAINS → --domains).
type Setting struct {
	Env     string
	Default string
	Usage   string
}

// Settings lists every variable the ingress reads. The dstack-ingress ones
// keep their names and meaning; CERTBOT_EMAIL and CERTBOT_STAGING are
// accepted as aliases of ACME_EMAIL and ACME_STAGING.
var Settings = []Setting{
	{"DOMAIN", "", "the domain to serve (dstack-ingress); DOMAINS adds more"},
	{"DOMAINS", "", "domains to serve, comma- or newline-separated; *.example.com for a wildcard"},
	{"TARGET_ENDPOINT", "", "where to send traffic: http://host:port, host:port (HTTP) or tcp://host:port"},
	{"ROUTING_MAP", "", "per-domain targets: domain=host:port,domain2=tcp://host:port (overrides TARGET_ENDPOINT)"},
	{"GATEWAY_DOMAIN", "", "if set, publish <domain> CNAME <GATEWAY_DOMAIN>"},
	{"PORT", "443", "TLS port to listen on, also published in the TXT record"},
	{"LISTEN_ADDR", "", "host to bind (default: all interfaces)"},
	{"HTTP_REDIRECT_PORT", "", "if set, serve a redirect to HTTPS on this port (e.g. 80)"},
	{"ACME_EMAIL", "", "ACME account contact (alias CERTBOT_EMAIL)"},
	{"ACME_STAGING", "false", "use Let's Encrypt staging (alias CERTBOT_STAGING)"},
	{"ACME_DIRECTORY", "", "ACME directory URL (default: Let's Encrypt)"},
	{"ACME_CA_ROOTS", "", "PEM file of roots to trust for the ACME server's TLS"},
	{"SET_CAA", "false", "publish a CAA record pinning issuance to this app's ACME account"},
	{"CAA_ISSUER", "letsencrypt.org", "CA domain named in the CAA record"},
	{"TXT_PREFIX", "_dstack-app-address", "name prefix of the TXT record <prefix>.<domain> = <app_id>:<port>"},
	{"DNS_PROVIDER", "", "cloudflare or rfc2136 (default: detected from the credentials given)"},
	{"CLOUDFLARE_API_TOKEN", "", "Cloudflare API token with Zone:DNS:Edit"},
	{"RFC2136_SERVER", "", "rfc2136: primary name server, host:port"},
	{"RFC2136_KEY_NAME", "", "rfc2136: TSIG key name"},
	{"RFC2136_KEY_ALG", "hmac-sha256", "rfc2136: TSIG algorithm"},
	{"RFC2136_KEY_SECRET", "", "rfc2136: TSIG secret, base64"},
	{"DNS_RESOLVERS", "", "resolvers certmagic asks for SOA and propagation, comma-separated host:port"},
	{"RENEW_DAYS_BEFORE", "30", "renew this many days before expiry when the CA gives no ARI window"},
	{"STORAGE_DIR", "/var/lib/devproof/ingress", "where sealed certificates, account and key history live"},
	{"HEADER_TIMEOUT", "10s", "time a client has to finish the TLS handshake and send request headers"},
	{"IDLE_TIMEOUT", "120s", "idle keep-alive and TCP-splice timeout"},
	{"MAX_CONNS", "10000", "most client connections served at once"},
	{"PROXY_PROTOCOL", "false", "send PROXY protocol v2 to tcp:// targets"},
	{"STATUS_ADDR", "", "if set, serve /status as JSON on this plain-HTTP address (e.g. 127.0.0.1:8089)"},
}

// Config is a validated ingress configuration.
type Config struct {
	// Domains are lower-case names; a wildcard is "*.base".
	Domains []string
	// Routes maps each domain to its target; Default serves the rest.
	Routes        map[string]Target
	Default       *Target
	GatewayDomain string
	Port          int
	ListenAddr    string
	// HTTPRedirectPort is 0 when no redirect listener runs.
	HTTPRedirectPort int

	ACMEEmail     string
	ACMEDirectory string
	ACMECARoots   string
	SetCAA        bool
	CAAIssuer     string
	TXTPrefix     string
	StatusAddr    string

	DNS DNSConfig

	RenewDaysBefore int
	StorageDir      string
	HeaderTimeout   time.Duration
	IdleTimeout     time.Duration
	MaxConns        int
	ProxyProtocol   bool
}

// DNSConfig selects and configures the libdns provider.
type DNSConfig struct {
	Provider        string // "cloudflare" or "rfc2136"
	CloudflareToken string
	RFC2136Server   string
	RFC2136KeyName  string
	RFC2136KeyAlg   string
	RFC2136Secret   string
	Resolvers       []string
}

// Target is where traffic for a domain goes.
type Target struct {
	// Scheme is "http", "https" or "tcp".
	Scheme string
	// Addr is host:port.
	Addr string
}

func (t Target) String() string { return t.Scheme + "://" + t.Addr }

// Let's Encrypt directories.
const (
	LetsEncryptProduction = "https://acme-v02.api.letsencrypt.org/directory"
	LetsEncryptStaging    = "https://acme-staging-v02.api.letsencrypt.org/directory"
)

// ConfigFromEnv reads the settings from the environment.
func ConfigFromEnv() (*Config, error) { return ParseConfig(os.Getenv) }

// ParseConfig reads every setting through get (an environment lookup) and
// validates them together: the error lists every problem, one per line.
func ParseConfig(get func(string) string) (*Config, error) {
	v := func(name string) string {
		if s := strings.TrimSpace(get(name)); s != "" {
			return s
		}
		for _, st := range Settings {
			if st.Env == name {
				return st.Default
			}
		}
		return ""
	}
	alias := func(name, old string) string {
		if s := strings.TrimSpace(get(name)); s != "" {
			return s
		}
		if s := strings.TrimSpace(get(old)); s != "" {
			return s
		}
		return v(name)
	}
	var p problems
	c := &Config{
		GatewayDomain: strings.ToLower(strings.TrimSuffix(v("GATEWAY_DOMAIN"), ".")),
		ListenAddr:    v("LISTEN_ADDR"),
		ACMEEmail:     alias("ACME_EMAIL", "CERTBOT_EMAIL"),
		ACMEDirectory: v("ACME_DIRECTORY"),
		ACMECARoots:   v("ACME_CA_ROOTS"),
		TXTPrefix:     v("TXT_PREFIX"),
		CAAIssuer:     strings.ToLower(v("CAA_ISSUER")),
		StatusAddr:    v("STATUS_ADDR"),
		StorageDir:    v("STORAGE_DIR"),
		Routes:        map[string]Target{},
	}

	for _, d := range splitList(v("DOMAIN") + "," + v("DOMAINS")) {
		d = strings.ToLower(strings.TrimSuffix(d, "."))
		if err := checkDomain(d); err != nil {
			p.add("DOMAINS", "%q: %v", d, err)
			continue
		}
		if !contains(c.Domains, d) {
			c.Domains = append(c.Domains, d)
		}
	}
	if len(c.Domains) == 0 && !p.has("DOMAINS") {
		p.add("DOMAIN", "no domain given (set DOMAIN or DOMAINS)")
	}
	if c.GatewayDomain != "" {
		if err := checkDomain(c.GatewayDomain); err != nil || strings.HasPrefix(c.GatewayDomain, "*") {
			p.add("GATEWAY_DOMAIN", "%q is not a host name", c.GatewayDomain)
		}
	}

	if te := v("TARGET_ENDPOINT"); te != "" {
		t, err := parseTarget(te)
		if err != nil {
			p.add("TARGET_ENDPOINT", "%q: %v", te, err)
		} else {
			c.Default = &t
		}
	}
	for _, entry := range splitList(v("ROUTING_MAP")) {
		dom, target, ok := strings.Cut(entry, "=")
		dom = strings.ToLower(strings.TrimSpace(dom))
		if !ok || dom == "" {
			p.add("ROUTING_MAP", "entry %q is not domain=host:port", entry)
			continue
		}
		if err := checkDomain(dom); err != nil {
			p.add("ROUTING_MAP", "entry %q: domain: %v", entry, err)
			continue
		}
		t, err := parseTarget(strings.TrimSpace(target))
		if err != nil {
			p.add("ROUTING_MAP", "entry %q: %v", entry, err)
			continue
		}
		if _, dup := c.Routes[dom]; dup {
			p.add("ROUTING_MAP", "domain %q is listed twice", dom)
		}
		c.Routes[dom] = t
		if !contains(c.Domains, dom) && !coveredByWildcard(c.Domains, dom) {
			c.Domains = append(c.Domains, dom)
		}
	}
	if c.Default == nil && len(c.Routes) == 0 && !p.has("TARGET_ENDPOINT") && !p.has("ROUTING_MAP") {
		p.add("TARGET_ENDPOINT", "no target given (set TARGET_ENDPOINT or ROUTING_MAP)")
	}
	if c.Default == nil && len(c.Routes) > 0 {
		for _, d := range c.Domains {
			if _, ok := c.Routes[d]; !ok && !p.has("ROUTING_MAP") {
				p.add("ROUTING_MAP", "domain %q has no route and TARGET_ENDPOINT is not set", d)
			}
		}
	}

	c.Port = p.port("PORT", v("PORT"))
	if s := v("HTTP_REDIRECT_PORT"); s != "" {
		c.HTTPRedirectPort = p.port("HTTP_REDIRECT_PORT", s)
	}
	staging := p.bool("ACME_STAGING", alias("ACME_STAGING", "CERTBOT_STAGING"))
	c.SetCAA = p.bool("SET_CAA", v("SET_CAA"))
	c.ProxyProtocol = p.bool("PROXY_PROTOCOL", v("PROXY_PROTOCOL"))
	switch {
	case c.ACMEDirectory == "" && staging:
		c.ACMEDirectory = LetsEncryptStaging
	case c.ACMEDirectory == "":
		c.ACMEDirectory = LetsEncryptProduction
	case staging:
		p.add("ACME_STAGING", "set together with ACME_DIRECTORY; give one")
	default:
		if u, err := url.Parse(c.ACMEDirectory); err != nil || u.Scheme != "https" || u.Host == "" {
			p.add("ACME_DIRECTORY", "%q is not an https URL", c.ACMEDirectory)
		}
	}
	if c.ACMECARoots != "" {
		if _, err := os.Stat(c.ACMECARoots); err != nil {
			p.add("ACME_CA_ROOTS", "%v", err)
		}
	}
	if c.ACMEEmail != "" && (!strings.Contains(c.ACMEEmail, "@") || strings.ContainsAny(c.ACMEEmail, " \t\n")) {
		p.add("ACME_EMAIL", "%q is not an email address", c.ACMEEmail)
	}
	if checkDomain(c.CAAIssuer) != nil {
		p.add("CAA_ISSUER", "%q is not a domain name", c.CAAIssuer)
	}
	if c.StatusAddr != "" {
		if _, _, err := net.SplitHostPort(c.StatusAddr); err != nil {
			p.add("STATUS_ADDR", "%q is not host:port", c.StatusAddr)
		}
	}
	if c.TXTPrefix == "" || strings.ContainsAny(c.TXTPrefix, " .") {
		p.add("TXT_PREFIX", "%q must be one DNS label", c.TXTPrefix)
	}
	c.RenewDaysBefore = p.int("RENEW_DAYS_BEFORE", v("RENEW_DAYS_BEFORE"), 1, 365)
	c.MaxConns = p.int("MAX_CONNS", v("MAX_CONNS"), 1, 1<<20)
	c.HeaderTimeout = p.duration("HEADER_TIMEOUT", v("HEADER_TIMEOUT"))
	c.IdleTimeout = p.duration("IDLE_TIMEOUT", v("IDLE_TIMEOUT"))
	if c.StorageDir == "" {
		p.add("STORAGE_DIR", "must not be empty")
	}

	c.DNS = DNSConfig{
		Provider:        strings.ToLower(v("DNS_PROVIDER")),
		CloudflareToken: v("CLOUDFLARE_API_TOKEN"),
		RFC2136Server:   v("RFC2136_SERVER"),
		RFC2136KeyName:  v("RFC2136_KEY_NAME"),
		RFC2136KeyAlg:   v("RFC2136_KEY_ALG"),
		RFC2136Secret:   v("RFC2136_KEY_SECRET"),
		Resolvers:       splitList(v("DNS_RESOLVERS")),
	}
	c.DNS.check(&p)
	return c, p.err()
}

func (d *DNSConfig) check(p *problems) {
	if d.Provider == "" {
		switch {
		case d.CloudflareToken != "":
			d.Provider = "cloudflare"
		case d.RFC2136Server != "":
			d.Provider = "rfc2136"
		default:
			p.add("DNS_PROVIDER", "no DNS provider: set CLOUDFLARE_API_TOKEN, or RFC2136_SERVER and its TSIG key")
			return
		}
	}
	switch d.Provider {
	case "cloudflare":
		if d.CloudflareToken == "" {
			p.add("CLOUDFLARE_API_TOKEN", "required with DNS_PROVIDER=cloudflare")
		}
	case "rfc2136":
		if _, _, err := net.SplitHostPort(d.RFC2136Server); err != nil {
			p.add("RFC2136_SERVER", "%q is not host:port", d.RFC2136Server)
		}
		if d.RFC2136KeyName == "" {
			p.add("RFC2136_KEY_NAME", "required with DNS_PROVIDER=rfc2136")
		}
		if d.RFC2136Secret == "" {
			p.add("RFC2136_KEY_SECRET", "required with DNS_PROVIDER=rfc2136")
		} else if _, err := base64.StdEncoding.DecodeString(d.RFC2136Secret); err != nil {
			p.add("RFC2136_KEY_SECRET", "is not base64 (as in a BIND key file's secret)")
		}
		switch strings.TrimSuffix(strings.ToLower(d.RFC2136KeyAlg), ".") {
		case "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512":
		default:
			p.add("RFC2136_KEY_ALG", "%q is not a TSIG algorithm (hmac-sha256, hmac-sha512, …)", d.RFC2136KeyAlg)
		}
	default:
		p.add("DNS_PROVIDER", "unknown provider %q (supported: cloudflare, rfc2136)", d.Provider)
	}
	for _, r := range d.Resolvers {
		if _, _, err := net.SplitHostPort(r); err != nil {
			p.add("DNS_RESOLVERS", "%q is not host:port", r)
		}
	}
}

// parseTarget accepts host:port (HTTP), http://, https:// and tcp:// forms.
func parseTarget(s string) (Target, error) {
	scheme, addr, ok := strings.Cut(s, "://")
	if !ok {
		scheme, addr = "http", s
	}
	switch scheme {
	case "http", "https", "tcp":
	default:
		return Target{}, fmt.Errorf("scheme %q is not http, https or tcp", scheme)
	}
	addr = strings.TrimSuffix(addr, "/")
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return Target{}, fmt.Errorf("%q is not host:port", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return Target{}, fmt.Errorf("port %q is not 1-65535", port)
	}
	return Target{Scheme: scheme, Addr: addr}, nil
}

// checkDomain accepts a lower-case ASCII host name with at least two labels,
// optionally with "*." as its whole leftmost label (RFC 1035, RFC 6125).
func checkDomain(d string) error {
	if d == "" {
		return fmt.Errorf("empty name")
	}
	if len(d) > 253 {
		return fmt.Errorf("longer than 253 characters")
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return fmt.Errorf("needs at least two labels")
	}
	for i, l := range labels {
		if l == "*" && i == 0 {
			if len(labels) < 3 {
				return fmt.Errorf("a wildcard needs a base of at least two labels")
			}
			continue
		}
		if l == "" || len(l) > 63 {
			return fmt.Errorf("label %q must be 1-63 characters", l)
		}
		if l[0] == '-' || l[len(l)-1] == '-' {
			return fmt.Errorf("label %q starts or ends with '-'", l)
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				if r > 127 {
					return fmt.Errorf("label %q is not ASCII (use its punycode xn-- form)", l)
				}
				return fmt.Errorf("label %q has character %q", l, r)
			}
		}
	}
	return nil
}

func coveredByWildcard(domains []string, d string) bool {
	_, base, ok := strings.Cut(d, ".")
	return ok && contains(domains, "*."+base)
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ' ' || r == '\t' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// problems collects configuration errors so that all are reported at once.
type problems struct{ list []string }

func (p *problems) add(setting, format string, args ...any) {
	p.list = append(p.list, setting+": "+fmt.Sprintf(format, args...))
}

func (p *problems) has(setting string) bool {
	for _, l := range p.list {
		if strings.HasPrefix(l, setting+":") {
			return true
		}
	}
	return false
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return fmt.Errorf("invalid ingress configuration:\n  %s", strings.Join(p.list, "\n  "))
}

func (p *problems) port(setting, s string) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		p.add(setting, "%q is not a port (1-65535)", s)
	}
	return n
}

func (p *problems) bool(setting, s string) bool {
	b, err := strconv.ParseBool(s)
	if err != nil {
		p.add(setting, "%q is not true or false", s)
	}
	return b
}

func (p *problems) int(setting, s string, min, max int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		p.add(setting, "%q is not a number from %d to %d", s, min, max)
	}
	return n
}

func (p *problems) duration(setting, s string) time.Duration {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		p.add(setting, "%q is not a positive duration like 10s", s)
	}
	return d
}
