// Package ingress is devproof's TLS gateway for dstack apps, a drop-in for
// dstack-ingress. It is four jobs wired by Ingress, each in its own file:
// certificates (certs.go: certmagic, ACME DNS-01 through libdns, optionally
// in a delegation zone, or TLS-ALPN-01 answered by the router, an account
// key derived in the TEE, storage sealed by internal/sealed), DNS
// publication (publish.go: gateway TXT, CNAME, CAA pinned to the account),
// evidence serving (evidence.go: /evidences/, built by internal/evidence)
// and routing (router.go: TLS by SNI to HTTP backends or, through
// tunnel, to TCP backends). Its settings are one table (config.go);
// operators read status.go's /status and metrics.go's /metrics, the latter
// from a Prometheus registry each Ingress owns.
//
// It does not verify anyone else's evidence (internal/evidence does, for
// every consumer) and it never serves HTTP-01 challenges.
package ingress
