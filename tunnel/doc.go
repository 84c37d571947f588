// Package tunnel owns what the ingress's tcp:// routes and the devproof
// tunnel server and client share: the byte splice between two connections
// (both directions, half-close, idle limit, pooled buffers) and PROXY
// protocol headers (HAProxy's "The PROXY protocol", v1 and v2). It also
// holds the tunnel's client, which carries plain TCP over TLS to servers
// a Verifier accepts: WebPKI, a pinned key, or a key attested by the
// app's evidence.
//
// The splice and the headers do not terminate TLS, decide which backend a
// connection goes to, or choose when to send or require a PROXY header:
// callers hand them connections that are already routed and, where TLS
// applies, handshaken.
package tunnel
