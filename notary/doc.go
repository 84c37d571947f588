// Package notary is the hardened HTTPS client the oracle is built on. A
// fetch checks every connection it opens — path to the trusted roots, host
// name, Chrome's CT policy against a log list of bounded age
// (notary/ctpolicy), revocation of every certificate below the root from
// CRLs and, for the leaf, stapled OCSP (notary/revocation) — under
// require/prefer/off policies, requires a 2xx status, and returns a session
// record with credentials redacted; a signed EIP-712 statement commits to
// the sha256 of its RFC 8785 canonical JSON. Values come from JSON read
// strictly (Extract), and are compared with thresholds written in one
// decimal grammar (ParseDecimal, Compare). The signing key comes from the
// dstack guest agent (GetKey), with its signature chain and a quote over
// its address. CheckChain replays the offline half of those checks on a
// saved chain. Service is the oracle's HTTP API: notarize a fetch, and
// observe a market its MarketBook holds, only inside the market's window
// by the notary's clock, checked against the source's Date header.
//
// It does not talk to a chain: notary/oracle fills the market book from
// the market contract and submits observations; deploy/contracts holds
// the contracts that check statements, and their bindings.
package notary
