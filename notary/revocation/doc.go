// Package revocation decides whether a certificate of a server's chain, the
// leaf or an intermediate, is revoked, the way a client must in 2026: from
// the CRLs it names (signature checked against its issuer, scope, size
// bounded, cached until nextUpdate) and, for the leaf, from an OCSP
// response the server stapled (signature, responder EKU, freshness). Let's
// Encrypt turned OCSP off in 2025, so a certificate with no OCSP URL is
// normal, and this package never queries OCSP responders.
//
// It returns evidence of what it checked, for the notary's session record;
// it does not validate paths or CT (see the notary and notary/ctpolicy).
package revocation
