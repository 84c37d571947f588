// Package tunnel owns what the ingress's tcp:// routes and the devproof
// tunnel server and client share: the byte splice between two connections
// (both directions, half-close, idle limit, pooled buffers) and PROXY
// protocol headers (HAProxy's "The PROXY protocol", v1 and v2).
//
// It does not terminate TLS, decide which backend a connection goes to,
// or choose when to send or require a PROXY header: callers hand it
// connections that are already routed and, where TLS applies, handshaken.
package tunnel
