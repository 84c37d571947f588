// Package jcs writes the RFC 8785 JSON Canonicalization Scheme: one exact
// byte string for a JSON value, so that hashes and signatures over JSON can
// be reproduced by a verifier in any language.
//
// It does not decide what gets hashed or signed, and it does not keep
// numbers beyond IEEE 754 double precision, as RFC 8785 requires.
package jcs
