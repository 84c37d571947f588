// Package tunnel owns what the ingress's tcp:// routes and the devproof
// tunnel server and client share: the byte splice between two connections
// (both directions, half-close, idle limit, pooled buffers) and PROXY
// protocol headers (HAProxy's "The PROXY protocol", v1 and v2). It also
// holds the tunnel's client, which carries plain TCP over TLS to servers
// a Verifier accepts: WebPKI, a pinned key, a key attested by the app's
// evidence, or an RA-TLS certificate whose own quote binds its key.
// AgentCert serves either side a renewed certificate from the guest
// agent, and a Server with a ClientVerifier lets in only clients it
// accepts, such as RA-TLS clients of one app (mutual attestation). Both
// sides share the failover among several targets, the choice of key
// exchange groups (ParseCurves) and devproof's pre-shared-key proof (PSK),
// which is bound to the TLS session and is not stunnel's TLS-PSK.
//
// Splice and the PROXY functions do not terminate TLS, route or decide
// when a header is due: callers hand them connections that are already
// routed and handshaken. Server is such a caller, the devproof tunnel
// server: TLS in, a target chosen by SNI, plain TCP out. It never imports
// the ingress, which uses this package too.
package tunnel
