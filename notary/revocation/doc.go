// Package revocation decides whether a server certificate is revoked, the
// way a client must in 2026: from the CRLs its issuer names (signature
// checked against the issuer, size bounded, cached until nextUpdate) and
// from an OCSP response the server stapled (signature, responder EKU,
// freshness). Let's Encrypt turned OCSP off in 2025, so a certificate with
// no OCSP URL is normal, and this package never queries OCSP responders.
//
// It returns evidence of what it checked, for the notary's session record;
// it does not validate paths or CT (see the notary and notary/ctpolicy).
package revocation
