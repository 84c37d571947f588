// Package audit is an auditor's one-shot check of a live deployment: it
// fetches the app's /evidences/, handshakes with the domain, reads its DNS
// records and, when told where, the app's contracts, and reports one line
// per check with pass, fail or skip and why.
//
// It judges evidence only through internal/evidence and quotes only
// through internal/attest, the code every other consumer uses, and it
// never imports a producer (the ingress or the notary): it sees what any
// user on the internet sees.
package audit
