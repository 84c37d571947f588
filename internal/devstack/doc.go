// Package devstack runs devproof's whole stack on one machine with real
// local stand-ins instead of a TEE and internet services: the dstack
// guest-agent simulator (checked through the client and verifier production
// uses), a DNS server, Pebble as the ACME CA, the ingress in front of a demo
// app, two TesseraCT logs, a local CA with a CRL, the notary, and a
// simulated chain where a demo market is resolved and paid out.
//
// It is what `devproof dev` runs. It imports the stand-ins, so nothing that
// runs inside a TEE may import it.
package devstack
