// Package attest verifies what a dstack app publishes about itself: TDX
// quotes (v4 through go-tdx-guest, v5 by layout), the RTMR3 event log and the
// app identity it carries, report_data bindings, compose hashes and the
// GetKey signature chain.
//
// It does not talk to the guest agent (see internal/tee) and holds no keys.
// A quote from devproof's simulator is always reported as simulated, never as
// verified.
package attest
