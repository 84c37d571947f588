// Package ctpolicy decides whether a certificate chain meets Chrome's
// Certificate Transparency policy (as of 2026-04) against a given log list:
// it verifies every SCT (embedded or from the TLS extension) against its
// log's key, applies log states, retirement and temporal intervals, and
// counts distinct logs and operators.
//
// It fetches nothing: the log list is a reviewed snapshot the caller ships
// (CheckAge bounds how old it may be), and the chain is whatever the
// connection presented. Path validation and
// revocation belong to the caller.
package ctpolicy
