// Package ctmonitor watches Certificate Transparency logs for certificates
// naming watched domains, and tells the ones whose key the app attested
// from the rest: a certificate for a watched name whose SPKI no verified
// quote covers is a rogue certificate.
//
// It owns the log clients (static-ct-api tiles and RFC 6962), the checks
// that make a log's word unnecessary (tree-head signatures, every entry
// hashed into a signed root, consistency between successive heads, split
// views kept as evidence), the watchlist, the authorized-key set, alerts
// and the monitor's state directory.
//
// It does not import the ingress or the notary: it learns what the app
// attested only from published evidence, through internal/evidence.
package ctmonitor
