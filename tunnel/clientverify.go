package tunnel

import (
	"crypto/tls"
	"errors"
)

// ClientVerifier decides whether a client that completed a TLS handshake
// with a Server may reach a target. The server requires a certificate of
// every client (tls.RequireAnyClientCert: Go checks no chain unless
// ClientCAs is also set) and calls VerifyClient from
// tls.Config.VerifyConnection, so it sees every handshake, resumed ones
// included, and is the only judge of the certificate: it must check
// whatever it relies on, the validity dates included. cs.PeerCertificates
// is never empty, and the client has proved that it holds the leaf's key
// (TLS CertificateVerify). Implementations must be safe for concurrent
// use. An error refuses the connection during the handshake, before any
// byte reaches a target, and is logged: it should say which check failed.
// A ClientVerifier is not told the route: every route of the server gets
// the same clients.
type ClientVerifier interface {
	VerifyClient(cs tls.ConnectionState) error
}

// RATLSClient returns a ClientVerifier for clients that present dstack
// RA-TLS certificates: the same checks RATLS makes of a server, with the
// same options (AppID is the client app's).
func RATLSClient(opts RATLSOptions) (ClientVerifier, error) {
	v, err := RATLS(opts)
	if err != nil {
		return nil, err
	}
	return v.(*raTLS), nil
}

// VerifyClient implements ClientVerifier.
func (v *raTLS) VerifyClient(cs tls.ConnectionState) error {
	if len(cs.PeerCertificates) == 0 {
		return errors.New("ra-tls: client sent no certificate")
	}
	return v.check(cs.PeerCertificates[0], "client")
}

// requireVerifiedClient makes cfg demand a certificate of every client
// and hand it to s.VerifyClient.
func (s *Server) requireVerifiedClient(cfg *tls.Config) {
	if cfg.ClientAuth < tls.RequireAnyClientCert {
		cfg.ClientAuth = tls.RequireAnyClientCert
	}
	cfg.VerifyConnection = func(cs tls.ConnectionState) error {
		if len(cs.PeerCertificates) == 0 {
			// Not reached with RequireAnyClientCert; kept so that a
			// change there cannot let a client through unchecked.
			return errors.New("client sent no certificate")
		}
		return s.VerifyClient.VerifyClient(cs)
	}
}
