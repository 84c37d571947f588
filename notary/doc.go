// Package notary is the hardened HTTPS client the oracle is built on. What
// it holds so far is the offline half: CheckChain reproduces, for a saved
// certificate chain, the decisions the client makes on a live connection —
// path validation to the trusted roots at a given time, the host name, and
// Chrome's CT policy (notary/ctpolicy).
//
// Live sessions, revocation, session records and signed statements are not
// here yet.
package notary
