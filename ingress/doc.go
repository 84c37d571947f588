// Package ingress is devproof's TLS gateway for dstack apps, a drop-in for
// dstack-ingress: it obtains ACME certificates for custom domains through
// certmagic and DNS-01 (libdns: Cloudflare, RFC 2136) with keys that exist
// only inside the TEE, seals everything it stores under a GetKey-derived
// key, publishes the app's DNS records (gateway TXT, CNAME, CAA pinned to
// its ACME account) and its evidence at /evidences/, and routes clients by
// SNI to HTTP backends (reverse proxy) or TCP backends (splice).
//
// It does not verify anyone else's evidence (internal/attest does) and it
// never serves HTTP-01 or TLS-ALPN-01 challenges.
package ingress
