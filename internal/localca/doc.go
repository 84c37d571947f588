// Package localca is a small certificate authority on loopback for tests
// and `devproof dev`: it issues server certificates that name a CRL
// distribution point it serves itself, revokes them, signs CRLs and OCSP
// responses (including deliberately bad ones for tests), and can submit
// precertificates to CT logs and embed their SCTs, as public CAs do.
//
// It keeps everything in memory and speaks no ACME (internal/acmeca does).
// Nothing that runs inside a TEE imports it.
package localca
