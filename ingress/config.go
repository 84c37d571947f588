package ingress

import (
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/devproof/devproof/tunnel"
)

// Setting is one configuration variable: where it is read from, its
// default, what it means and how it is parsed. Flags, environment, usage
// and validation all come from the Settings table.
type Setting struct {
	// Name is the environment variable. Unless the setting is Secret, the
	// flag of the same name in lower case with dashes sets it too
	// (DOMAINS → --domains).
	Name string
	// Aliases are older names read when Name is unset (dstack-ingress's
	// certbot variables).
	Aliases []string
	Default string
	Doc     string
	// Secret settings are read only from the environment or from the file
	// that Name_FILE names (the Docker secrets convention), never from a
	// flag: any local user can read a process's arguments with ps.
	Secret bool

	// parse checks v and stores it in c. It never echoes a secret value.
	parse func(c *Config, v string) error
}

// Flag is the setting's flag name, or "" for a secret, which has none.
func (s Setting) Flag() string {
	if s.Secret {
		return ""
	}
	return strings.ReplaceAll(strings.ToLower(s.Name), "_", "-")
}

// Settings lists every variable the ingress reads, in the order they are
// parsed. The dstack-ingress ones keep their names and meaning.
var Settings = []Setting{
	{Name: "DOMAIN", Doc: "the domain to serve (dstack-ingress); DOMAINS adds more", parse: addDomains},
	{Name: "DOMAINS", Doc: "domains to serve, comma- or newline-separated; *.example.com for a wildcard", parse: addDomains},
	{Name: "TARGET_ENDPOINT", Doc: "where to send traffic: http://host:port, host:port (HTTP) or tcp://host:port",
		parse: func(c *Config, v string) error {
			t, err := parseTarget(v)
			if err != nil {
				return fmt.Errorf("%q: %w", v, err)
			}
			c.Default = &t
			return nil
		}},
	{Name: "ROUTING_MAP", Doc: "per-domain targets: domain=host:port,domain2=tcp://host:port (overrides TARGET_ENDPOINT)", parse: parseRoutes},
	{Name: "GATEWAY_DOMAIN", Doc: "if set, publish <domain> CNAME <GATEWAY_DOMAIN>",
		parse: func(c *Config, v string) error {
			c.GatewayDomain = strings.ToLower(strings.TrimSuffix(v, "."))
			// dstack's gateways publish "_.<base>" as the name apps point
			// their CNAME at (Phala Cloud: _.dstack-<cluster>.phala.network).
			if checkDomain(strings.TrimPrefix(c.GatewayDomain, "_.")) != nil || strings.HasPrefix(c.GatewayDomain, "*") {
				return fmt.Errorf("%q is not a host name", v)
			}
			return nil
		}},
	{Name: "PORT", Default: "443", Doc: "TLS port to listen on, also published in the TXT record",
		parse: func(c *Config, v string) (err error) { c.Port, err = parsePort(v); return }},
	{Name: "LISTEN_ADDR", Doc: "IP address to bind (default: all interfaces)",
		parse: func(c *Config, v string) error {
			if net.ParseIP(v) == nil {
				return fmt.Errorf("%q is not an IP address", v)
			}
			c.ListenAddr = v
			return nil
		}},
	{Name: "HTTP_REDIRECT_PORT", Doc: "if set, serve a redirect to HTTPS on this port (e.g. 80)",
		parse: func(c *Config, v string) (err error) { c.HTTPRedirectPort, err = parsePort(v); return }},
	{Name: "ACME_EMAIL", Aliases: []string{"CERTBOT_EMAIL"}, Doc: "ACME account contact (alias CERTBOT_EMAIL)",
		parse: func(c *Config, v string) error {
			if !strings.Contains(v, "@") || strings.ContainsAny(v, " \t\n") {
				return fmt.Errorf("%q is not an email address", v)
			}
			c.ACMEEmail = v
			return nil
		}},
	{Name: "ACME_STAGING", Aliases: []string{"CERTBOT_STAGING"}, Default: "false", Doc: "use Let's Encrypt staging (alias CERTBOT_STAGING)",
		parse: func(c *Config, v string) (err error) { c.staging, err = parseBool(v); return }},
	{Name: "ACME_DIRECTORY", Doc: "ACME directory URL (default: Let's Encrypt)",
		parse: func(c *Config, v string) error {
			if u, err := url.Parse(v); err != nil || u.Scheme != "https" || u.Host == "" {
				return fmt.Errorf("%q is not an https URL", v)
			}
			c.ACMEDirectory = v
			return nil
		}},
	{Name: "ACME_CA_ROOTS", Doc: "PEM file of roots to trust for the ACME server's TLS",
		parse: func(c *Config, v string) error {
			b, err := os.ReadFile(v)
			if err != nil {
				return fmt.Errorf("%q cannot be read: %w", v, unwrapPath(err))
			}
			c.ACMERoots = x509.NewCertPool()
			if !c.ACMERoots.AppendCertsFromPEM(b) {
				return fmt.Errorf("%q holds no PEM certificate", v)
			}
			return nil
		}},
	{Name: "SET_CAA", Default: "false", Doc: "publish a CAA record pinning issuance to this app's ACME account",
		parse: func(c *Config, v string) (err error) { c.SetCAA, err = parseBool(v); return }},
	{Name: "CAA_ISSUER", Default: "letsencrypt.org", Doc: "CA domain named in the CAA record",
		parse: func(c *Config, v string) error {
			c.CAAIssuer = strings.ToLower(v)
			if checkDomain(c.CAAIssuer) != nil {
				return fmt.Errorf("%q is not a domain name", v)
			}
			return nil
		}},
	{Name: "TXT_PREFIX", Default: "_dstack-app-address", Doc: "name prefix of the TXT record <prefix>.<domain> = <app_id>:<port>",
		parse: func(c *Config, v string) error {
			if strings.ContainsAny(v, " .") {
				return fmt.Errorf("%q must be one DNS label", v)
			}
			c.TXTPrefix = v
			return nil
		}},
	{Name: "DNS_PROVIDER", Doc: "cloudflare, rfc2136, route53, linode or namecheap (default: detected from the credentials given)",
		parse: func(c *Config, v string) error {
			c.DNS.Provider = strings.ToLower(v)
			if !slices.Contains(dnsProviders, c.DNS.Provider) {
				return fmt.Errorf("unknown provider %q (supported: %s)", v, strings.Join(dnsProviders, ", "))
			}
			return nil
		}},
	{Name: "CLOUDFLARE_API_TOKEN", Secret: true, Doc: "Cloudflare API token with Zone:DNS:Edit",
		parse: func(c *Config, v string) error { c.DNS.CloudflareToken = v; return nil }},
	{Name: "AWS_ACCESS_KEY_ID", Secret: true, Doc: "route53: access key id of an IAM user allowed to change the zone's records",
		parse: func(c *Config, v string) error { c.DNS.AWSAccessKeyID = v; return nil }},
	{Name: "AWS_SECRET_ACCESS_KEY", Secret: true, Doc: "route53: that access key's secret",
		parse: func(c *Config, v string) error { c.DNS.AWSSecretAccessKey = v; return nil }},
	{Name: "AWS_SESSION_TOKEN", Secret: true, Doc: "route53: session token, for temporary credentials",
		parse: func(c *Config, v string) error { c.DNS.AWSSessionToken = v; return nil }},
	{Name: "AWS_REGION", Default: "us-east-1", Doc: "route53: AWS region the API is called in",
		parse: func(c *Config, v string) error {
			if strings.Trim(strings.ToLower(v), "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
				return fmt.Errorf("%q is not an AWS region name like us-east-1", v)
			}
			c.DNS.AWSRegion = v
			return nil
		}},
	{Name: "AWS_ROLE_ARN", Doc: "not supported: give AWS_ACCESS_KEY_ID of a user limited to the zone instead",
		parse: func(c *Config, v string) error {
			return errors.New("assuming a role is not supported (libdns/route53 signs with the access key itself); give the keys of an IAM user limited to the zone")
		}},
	{Name: "LINODE_API_TOKEN", Secret: true, Doc: "linode: personal access token with Domains read/write",
		parse: func(c *Config, v string) error { c.DNS.LinodeToken = v; return nil }},
	{Name: "NAMECHEAP_API_KEY", Secret: true, Doc: "namecheap: API key",
		parse: func(c *Config, v string) error { c.DNS.NamecheapAPIKey = v; return nil }},
	{Name: "NAMECHEAP_USERNAME", Doc: "namecheap: API user name",
		parse: func(c *Config, v string) error { c.DNS.NamecheapUser = v; return nil }},
	{Name: "NAMECHEAP_CLIENT_IP", Doc: "namecheap: this node's public IP address, as whitelisted for the API",
		parse: func(c *Config, v string) error {
			if net.ParseIP(v) == nil {
				return fmt.Errorf("%q is not an IP address", v)
			}
			c.DNS.NamecheapClientIP = v
			return nil
		}},
	{Name: "RFC2136_SERVER", Doc: "rfc2136: primary name server, host:port",
		parse: func(c *Config, v string) error { c.DNS.RFC2136Server = v; return checkHostPort(v, false) }},
	{Name: "RFC2136_KEY_NAME", Doc: "rfc2136: TSIG key name",
		parse: func(c *Config, v string) error { c.DNS.RFC2136KeyName = v; return nil }},
	{Name: "RFC2136_KEY_ALG", Default: "hmac-sha256", Doc: "rfc2136: TSIG algorithm",
		parse: func(c *Config, v string) error {
			switch strings.TrimSuffix(strings.ToLower(v), ".") {
			case "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512":
				c.DNS.RFC2136KeyAlg = v
				return nil
			}
			return fmt.Errorf("%q is not a TSIG algorithm (hmac-sha256, hmac-sha512, …)", v)
		}},
	{Name: "RFC2136_KEY_SECRET", Secret: true, Doc: "rfc2136: TSIG secret, base64 (as in a BIND key file)",
		parse: func(c *Config, v string) error {
			if _, err := base64.StdEncoding.DecodeString(v); err != nil {
				return errors.New("is not base64 (as in a BIND key file's secret)")
			}
			c.DNS.RFC2136Secret = v
			return nil
		}},
	{Name: "DNS_RESOLVERS", Doc: "resolvers certmagic asks for SOA and propagation, comma-separated host:port",
		parse: func(c *Config, v string) error {
			c.DNS.Resolvers = splitList(v)
			var errs []error
			for _, r := range c.DNS.Resolvers {
				errs = append(errs, checkHostPort(r, false))
			}
			return errors.Join(errs...)
		}},
	{Name: "DELEGATION_ZONE", Doc: "write every DNS record into this zone: <name> → <name>.<zone>, the operator CNAMEs each name there once",
		parse: func(c *Config, v string) error {
			c.DNS.DelegationZone = strings.ToLower(strings.TrimSuffix(v, "."))
			if checkDomain(c.DNS.DelegationZone) != nil || strings.HasPrefix(c.DNS.DelegationZone, "*") {
				return fmt.Errorf("%q is not a zone name", v)
			}
			return nil
		}},
	{Name: "CHALLENGE_TYPE", Default: "dns-01", Doc: "ACME challenge: dns-01, or tls-alpn-01 answered on PORT",
		parse: func(c *Config, v string) error {
			c.Challenge = strings.ToLower(v)
			if c.Challenge != challengeDNS01 && c.Challenge != challengeTLSALPN01 {
				return fmt.Errorf("%q is not dns-01 or tls-alpn-01", v)
			}
			return nil
		}},
	{Name: "ALIAS_DOMAIN", Doc: "another name served like DOMAIN (the first domain): same target, its own certificate",
		parse: func(c *Config, v string) error {
			c.AliasDomain = strings.ToLower(strings.TrimSuffix(v, "."))
			if err := checkDomain(c.AliasDomain); err != nil {
				return fmt.Errorf("%q: %w", v, err)
			}
			return nil
		}},
	{Name: "RENEW_INTERVAL", Doc: "how often to check certificates for renewal: seconds (dstack-ingress) or a duration like 12h (default: 10m)",
		parse: func(c *Config, v string) error {
			if n, err := strconv.Atoi(v); err == nil {
				if n < 1 {
					return fmt.Errorf("%q is not a positive number of seconds", v)
				}
				c.RenewInterval = time.Duration(n) * time.Second
				return nil
			}
			d, err := parseDuration(v)
			if err != nil {
				return fmt.Errorf("%q is neither seconds nor a positive duration like 12h", v)
			}
			c.RenewInterval = d
			return nil
		}},
	{Name: "RENEW_DAYS_BEFORE", Default: "30", Doc: "renew this many days before expiry when the CA gives no ARI window",
		parse: func(c *Config, v string) (err error) { c.RenewDaysBefore, err = parseInt(v, 1, 365); return }},
	{Name: "STORAGE_DIR", Default: "/var/lib/devproof/ingress", Doc: "where sealed certificates, account and key history live",
		parse: func(c *Config, v string) error { c.StorageDir = v; return nil }},
	{Name: "HEADER_TIMEOUT", Default: "10s", Doc: "one budget, from connect, for the TLS handshake and the first request's headers; each later keep-alive request's headers get it anew",
		parse: func(c *Config, v string) (err error) { c.HeaderTimeout, err = parseDuration(v); return }},
	{Name: "IDLE_TIMEOUT", Aliases: []string{"TIMEOUT_CLIENT"}, Default: "120s", Doc: "idle keep-alive and TCP-splice timeout (alias TIMEOUT_CLIENT)",
		parse: func(c *Config, v string) (err error) { c.IdleTimeout, err = parseDuration(v); return }},
	{Name: "BACKEND_DIAL_TIMEOUT", Aliases: []string{"TIMEOUT_CONNECT"}, Default: "10s", Doc: "time a backend has to accept a connection (alias TIMEOUT_CONNECT)",
		parse: func(c *Config, v string) (err error) { c.BackendDialTimeout, err = parseDuration(v); return }},
	{Name: "BACKEND_TIMEOUT", Aliases: []string{"TIMEOUT_SERVER"}, Default: "60s", Doc: "time an HTTP backend has to send response headers; past it the client gets 504 (alias TIMEOUT_SERVER)",
		parse: func(c *Config, v string) (err error) { c.BackendTimeout, err = parseDuration(v); return }},
	{Name: "BODY_TIMEOUT", Default: "60s", Doc: "longest a client may pause between two reads of its request body (nginx client_body_timeout)",
		parse: func(c *Config, v string) (err error) { c.BodyTimeout, err = parseDuration(v); return }},
	{Name: "WRITE_TIMEOUT", Default: "60s", Doc: "longest a client may take to accept each write of a response (nginx send_timeout)",
		parse: func(c *Config, v string) (err error) { c.WriteTimeout, err = parseDuration(v); return }},
	{Name: "DRAIN_TIMEOUT", Default: "10s", Doc: "on SIGTERM, how long requests in flight may finish before every connection is cut",
		parse: func(c *Config, v string) (err error) { c.DrainTimeout, err = parseDuration(v); return }},
	{Name: "MAX_CONNS", Aliases: []string{"MAXCONN"}, Default: "10000", Doc: "most client connections served at once (alias MAXCONN)",
		parse: func(c *Config, v string) (err error) { c.MaxConns, err = parseInt(v, 1, 1<<20); return }},
	{Name: "MAX_CONNS_PER_IP", Default: "100", Doc: "most client connections served at once from one IP address (an IPv6 client counts by its full address); 0 for no bound",
		parse: func(c *Config, v string) (err error) { c.MaxConnsPerIP, err = parseInt(v, 0, 1<<20); return }},
	{Name: "PROXY_PROTOCOL", Default: "false", Doc: "send PROXY protocol v2 to tcp:// and TUNNEL_ROUTES targets",
		parse: func(c *Config, v string) (err error) { c.ProxyProtocol, err = parseBool(v); return }},
	{Name: "TUNNEL_PORT", Doc: "if set, also serve TUNNEL_ROUTES on this port: TLS with the ingress's own certificates, then raw TCP to the target (stunnel-style; never sniffed as HTTP)",
		parse: func(c *Config, v string) (err error) { c.TunnelPort, err = parsePort(v); return }},
	{Name: "TUNNEL_ROUTES", Doc: "routes for TUNNEL_PORT: domain=host:port,… ; each domain must be one the ingress has a certificate for",
		parse: parseTunnelRoutes},
	{Name: "STATUS_ADDR", Doc: "if set, serve /status as JSON and /metrics (Prometheus) on this plain-HTTP address (e.g. 127.0.0.1:8089)",
		parse: func(c *Config, v string) error { c.StatusAddr = v; return checkHostPort(v, true) }},
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
	// ListenAddr is the IP to bind; empty means every interface.
	ListenAddr string
	// HTTPRedirectPort is 0 when no redirect listener runs.
	HTTPRedirectPort int

	ACMEEmail     string
	ACMEDirectory string
	// ACMERoots, read from ACME_CA_ROOTS, are the only roots trusted for
	// the ACME server's TLS; nil means the system's.
	ACMERoots  *x509.CertPool
	SetCAA     bool
	CAAIssuer  string
	TXTPrefix  string
	StatusAddr string

	DNS DNSConfig
	// Challenge is challengeDNS01 or challengeTLSALPN01.
	Challenge string
	// AliasDomain, when set, is also in Domains and routed as the first
	// domain is.
	AliasDomain string

	RenewDaysBefore int
	// RenewInterval is how often certmagic checks for renewal; zero
	// means certmagic's default.
	RenewInterval  time.Duration
	StorageDir     string
	HeaderTimeout  time.Duration
	IdleTimeout    time.Duration
	BackendTimeout time.Duration
	// BackendDialTimeout bounds connecting to a target.
	BackendDialTimeout time.Duration
	BodyTimeout        time.Duration
	WriteTimeout       time.Duration
	DrainTimeout       time.Duration
	MaxConns           int
	// MaxConnsPerIP is 0 when one address may use all of MaxConns.
	MaxConnsPerIP int
	ProxyProtocol bool
	// TunnelPort is 0 when no tunnel listener runs; TunnelRoutes are its
	// routes, each for a name among Domains.
	TunnelPort   int
	TunnelRoutes []tunnel.Route

	staging bool
}

// DNSConfig selects and configures the libdns provider.
type DNSConfig struct {
	Provider           string // one of dnsProviders
	CloudflareToken    string
	RFC2136Server      string
	RFC2136KeyName     string
	RFC2136KeyAlg      string
	RFC2136Secret      string
	AWSAccessKeyID     string
	AWSSecretAccessKey string
	AWSSessionToken    string
	AWSRegion          string
	LinodeToken        string
	NamecheapAPIKey    string
	NamecheapUser      string
	NamecheapClientIP  string
	Resolvers          []string
	// DelegationZone, when set, receives every record the ingress
	// writes: see delegatedName.
	DelegationZone string
}

// dnsProviders are the DNS_PROVIDER values, in detection order.
var dnsProviders = []string{"cloudflare", "rfc2136", "route53", "linode", "namecheap"}

// ACME challenge types (CHALLENGE_TYPE).
const (
	challengeDNS01     = "dns-01"
	challengeTLSALPN01 = "tls-alpn-01"
)

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
	letsEncryptProduction = "https://acme-v02.api.letsencrypt.org/directory"
	letsEncryptStaging    = "https://acme-staging-v02.api.letsencrypt.org/directory"
)

// ParseConfig reads every setting through lookup (an environment lookup,
// or flags over the environment) and validates them together: the error
// lists every problem, one per line, each naming its setting.
func ParseConfig(lookup func(name string) string) (*Config, error) {
	var p problems
	c := &Config{Routes: map[string]Target{}}
	for _, s := range Settings {
		v, err := s.value(lookup)
		if err != nil {
			p.add(s.Name, err)
			continue
		}
		if v == "" {
			continue // unset, and no default
		}
		if err := s.parse(c, v); err != nil {
			p.add(s.Name, err)
		}
	}
	c.check(&p)
	return c, p.err()
}

// value is the setting's text: Name, then its aliases, then (for a secret)
// the file Name_FILE names, then the default.
func (s Setting) value(lookup func(string) string) (string, error) {
	for _, n := range append([]string{s.Name}, s.Aliases...) {
		if v := strings.TrimSpace(lookup(n)); v != "" {
			if s.Secret && lookup(s.Name+"_FILE") != "" {
				return "", fmt.Errorf("set together with %s_FILE; give one", s.Name)
			}
			return v, nil
		}
	}
	if path := strings.TrimSpace(lookup(s.Name + "_FILE")); s.Secret && path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("%s_FILE: %w", s.Name, err)
		}
		if v := strings.TrimSpace(string(b)); v != "" {
			return v, nil
		}
		return "", fmt.Errorf("%s_FILE %q is empty", s.Name, path)
	}
	return s.Default, nil
}

// check applies the rules that involve several settings.
func (c *Config) check(p *problems) {
	for _, d := range slices.Sorted(maps.Keys(c.Routes)) {
		if !slices.Contains(c.Domains, d) && !coveredByWildcard(c.Domains, d) {
			c.Domains = append(c.Domains, d)
		}
	}
	if len(c.Domains) == 0 && !p.has("DOMAIN") && !p.has("DOMAINS") {
		p.add("DOMAIN", errors.New("no domain given (set DOMAIN or DOMAINS)"))
	}
	if a := c.AliasDomain; a != "" && len(c.Domains) > 0 {
		switch {
		case slices.Contains(c.Domains, a):
			p.add("ALIAS_DOMAIN", fmt.Errorf("%q is already served as a domain", a))
		default:
			// Routed as the first domain is, whatever ROUTING_MAP says of
			// the rest.
			if t, ok := c.Routes[c.Domains[0]]; ok {
				c.Routes[a] = t
			}
			c.Domains = append(c.Domains, a)
		}
	}
	c.checkTunnel(p)
	if c.Default == nil && len(c.Routes) == 0 && !p.has("TARGET_ENDPOINT") && !p.has("ROUTING_MAP") {
		p.add("TARGET_ENDPOINT", errors.New("no target given (set TARGET_ENDPOINT or ROUTING_MAP)"))
	}
	if c.Default == nil && len(c.Routes) > 0 && !p.has("ROUTING_MAP") {
		for _, d := range c.Domains {
			if _, ok := c.Routes[d]; !ok {
				p.add("ROUTING_MAP", fmt.Errorf("domain %q has no route and TARGET_ENDPOINT is not set", d))
			}
		}
	}
	switch {
	case c.ACMEDirectory != "" && c.staging:
		p.add("ACME_STAGING", errors.New("set together with ACME_DIRECTORY; give one"))
	case c.ACMEDirectory == "" && c.staging:
		c.ACMEDirectory = letsEncryptStaging
	case c.ACMEDirectory == "":
		c.ACMEDirectory = letsEncryptProduction
	}
	if c.StorageDir == "" {
		p.add("STORAGE_DIR", errors.New("must not be empty"))
	}
	if c.Challenge == challengeTLSALPN01 {
		for _, d := range c.Domains {
			if strings.HasPrefix(d, "*.") {
				p.add("CHALLENGE_TYPE", fmt.Errorf("tls-alpn-01 cannot validate the wildcard %q (RFC 8737 §3); use dns-01", d))
			}
		}
	}
	c.DNS.check(p, c.Challenge)
}

// check picks and checks the provider. With tls-alpn-01 none is needed:
// the records are then the operator's to create, as in dstack-ingress.
func (d *DNSConfig) check(p *problems, challenge string) {
	if d.Provider == "" && !p.has("DNS_PROVIDER") {
		switch {
		case d.CloudflareToken != "":
			d.Provider = "cloudflare"
		case d.RFC2136Server != "":
			d.Provider = "rfc2136"
		case d.AWSAccessKeyID != "":
			d.Provider = "route53"
		case d.LinodeToken != "":
			d.Provider = "linode"
		case d.NamecheapAPIKey != "":
			d.Provider = "namecheap"
		case challenge == challengeTLSALPN01 && d.DelegationZone == "":
			// No provider: the ingress logs the records to create.
		case challenge == challengeTLSALPN01:
			p.add("DELEGATION_ZONE", errors.New("needs a DNS provider to write in the zone (set DNS_PROVIDER and its credentials)"))
		default:
			p.add("DNS_PROVIDER", errors.New("no DNS provider: set CLOUDFLARE_API_TOKEN, RFC2136_SERVER and its TSIG key, AWS_ACCESS_KEY_ID, LINODE_API_TOKEN or NAMECHEAP_API_KEY"))
		}
	}
	required := func(name, v string) {
		if v == "" && !p.has(name) {
			p.add(name, fmt.Errorf("required with DNS_PROVIDER=%s", d.Provider))
		}
	}
	switch d.Provider {
	case "cloudflare":
		required("CLOUDFLARE_API_TOKEN", d.CloudflareToken)
	case "rfc2136":
		required("RFC2136_SERVER", d.RFC2136Server)
		required("RFC2136_KEY_NAME", d.RFC2136KeyName)
		required("RFC2136_KEY_SECRET", d.RFC2136Secret)
	case "route53":
		required("AWS_ACCESS_KEY_ID", d.AWSAccessKeyID)
		required("AWS_SECRET_ACCESS_KEY", d.AWSSecretAccessKey)
	case "linode":
		required("LINODE_API_TOKEN", d.LinodeToken)
	case "namecheap":
		required("NAMECHEAP_API_KEY", d.NamecheapAPIKey)
		required("NAMECHEAP_USERNAME", d.NamecheapUser)
		// Without it libdns/namecheap asks a public web service for this
		// node's address: a call out of the TEE nobody configured.
		required("NAMECHEAP_CLIENT_IP", d.NamecheapClientIP)
	}
}

func addDomains(c *Config, v string) error {
	var errs []error
	for _, d := range splitList(v) {
		d = strings.ToLower(strings.TrimSuffix(d, "."))
		if err := checkDomain(d); err != nil {
			errs = append(errs, fmt.Errorf("%q: %w", d, err))
		} else if !slices.Contains(c.Domains, d) {
			c.Domains = append(c.Domains, d)
		}
	}
	return errors.Join(errs...)
}

func parseRoutes(c *Config, v string) error {
	var errs []error
	for _, entry := range splitList(v) {
		dom, target, ok := strings.Cut(entry, "=")
		dom = strings.ToLower(strings.TrimSpace(dom))
		if !ok || dom == "" {
			errs = append(errs, fmt.Errorf("entry %q is not domain=host:port", entry))
			continue
		}
		if err := checkDomain(dom); err != nil {
			errs = append(errs, fmt.Errorf("entry %q: domain: %w", entry, err))
			continue
		}
		t, err := parseTarget(strings.TrimSpace(target))
		if err != nil {
			errs = append(errs, fmt.Errorf("entry %q: %w", entry, err))
			continue
		}
		if _, dup := c.Routes[dom]; dup {
			errs = append(errs, fmt.Errorf("domain %q is listed twice", dom))
		}
		c.Routes[dom] = t
	}
	return errors.Join(errs...)
}

// parseTunnelRoutes reads TUNNEL_ROUTES, as tunnel.ParseRoute does for
// each entry.
func parseTunnelRoutes(c *Config, v string) error {
	var errs []error
	for _, entry := range splitList(v) {
		r, err := tunnel.ParseRoute(strings.TrimSpace(entry))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.TunnelRoutes = append(c.TunnelRoutes, r)
	}
	return errors.Join(errs...)
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
		return errors.New("empty name")
	}
	if strings.ContainsAny(d, " \t\r") {
		return errors.New("contains white space (separate names with commas or newlines)")
	}
	if len(d) > 253 {
		return errors.New("longer than 253 characters")
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return errors.New("needs at least two labels")
	}
	for i, l := range labels {
		if l == "*" && i == 0 {
			if len(labels) < 3 {
				return errors.New("a wildcard needs a base of at least two labels")
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
	return ok && slices.Contains(domains, "*."+base)
}

// splitList cuts s at commas and newlines. White space inside an item is
// kept, so that the item's own check refuses it: "a.x b.x" is one mistyped
// item, not two.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func parsePort(s string) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return 0, fmt.Errorf("%q is not a port (1-65535)", s)
	}
	return n, nil
}

func parseBool(s string) (bool, error) {
	b, err := strconv.ParseBool(s)
	if err != nil {
		return false, fmt.Errorf("%q is not true or false", s)
	}
	return b, nil
}

func parseInt(s string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("%q is not a number from %d to %d", s, lo, hi)
	}
	return n, nil
}

func parseDuration(s string) (time.Duration, error) {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%q is not a positive duration like 10s", s)
	}
	return d, nil
}

// checkHostPort accepts host:port where host is an IP address or a host
// name and port is 1-65535. With emptyHost, ":port" (every interface) is
// accepted too.
func checkHostPort(s string, emptyHost bool) error {
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		return fmt.Errorf("%q is not host:port", s)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("%q: port %q is not 1-65535", s, port)
	}
	if host == "" && emptyHost {
		return nil
	}
	if err := checkHost(host); err != nil {
		return fmt.Errorf("%q: %w", s, err)
	}
	return nil
}

// checkHost accepts an IP address or a host name of letters, digits, '-'
// and '.' (RFC 1123); digits and dots alone must make an IP address.
func checkHost(h string) error {
	if net.ParseIP(h) != nil {
		return nil
	}
	if h == "" {
		return errors.New("host is empty")
	}
	if strings.Trim(h, "0123456789.") == "" {
		return fmt.Errorf("host %q is not an IP address", h)
	}
	for _, l := range strings.Split(strings.TrimSuffix(h, "."), ".") {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return fmt.Errorf("host %q is not a host name", h)
		}
		for _, r := range l {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
				return fmt.Errorf("host %q has character %q", h, r)
			}
		}
	}
	return nil
}

// problems collects configuration errors so that all are reported at once.
type problems struct{ list []string }

// add records err against setting; a joined error gives one line each.
func (p *problems) add(setting string, err error) {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			p.add(setting, e)
		}
		return
	}
	p.list = append(p.list, setting+": "+err.Error())
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

// checkTunnel refuses tunnel routes that could not be served: the tunnel
// shows the ingress's own certificates, so each route's name must be one
// of them (a wildcard route needs the same wildcard domain).
func (c *Config) checkTunnel(p *problems) {
	if p.has("TUNNEL_PORT") || p.has("TUNNEL_ROUTES") {
		return
	}
	switch {
	case c.TunnelPort == 0 && len(c.TunnelRoutes) > 0:
		p.add("TUNNEL_ROUTES", errors.New("set without TUNNEL_PORT: nothing would serve them"))
	case c.TunnelPort != 0 && len(c.TunnelRoutes) == 0:
		p.add("TUNNEL_PORT", errors.New("set without TUNNEL_ROUTES: every connection would be refused"))
	case c.TunnelPort != 0 && c.TunnelPort == c.Port:
		p.add("TUNNEL_PORT", fmt.Errorf("%d is PORT too", c.Port))
	}
	for _, r := range c.TunnelRoutes {
		if !slices.Contains(c.Domains, r.Pattern) && (strings.HasPrefix(r.Pattern, "*.") || !coveredByWildcard(c.Domains, r.Pattern)) {
			p.add("TUNNEL_ROUTES", fmt.Errorf("%q is not among the domains the ingress gets certificates for (%s)", r.Pattern, strings.Join(c.Domains, ", ")))
		}
	}
}
