// Package acmeca runs Pebble, Let's Encrypt's ACME test CA, in process on
// loopback: the local stand-in for Let's Encrypt in `devproof dev` and in
// tests. DNS-01 challenges are checked against a DNS server of the caller's
// choosing (Pebble asks over TCP).
//
// Pebble does not check CAA and issues from a fresh root every start.
package acmeca
