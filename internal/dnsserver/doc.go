// Package dnsserver is a small authoritative DNS server on loopback, the
// local stand-in for Cloudflare or any other DNS host in `devproof dev` and
// in tests. It answers SOA, NS, A, AAAA, TXT, CAA and CNAME over UDP and TCP,
// serves AXFR, and accepts RFC 2136 dynamic updates signed with TSIG, so a
// real libdns provider can feed it.
//
// It is not a production name server: no DNSSEC, no persistence, one
// in-memory copy of each zone.
package dnsserver
