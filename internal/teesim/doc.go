// Package teesim is a dstack guest-agent simulator that serves the same wire
// API as the real agent (see internal/tee), for development and tests.
//
// Keys are deterministic from a seed or loaded from the official simulator's
// appkeys.json; GetKey derives keys and signature chains exactly as dstack
// does. Quotes have the TDX v4 layout, a real RTMR3 event log and the
// requested report_data, but no Intel signature: they carry
// attest.SimulatorMarker and every verifier reports them as simulated.
//
// Only `devproof dev`, `devproof simulator` and tests import this package;
// it is a stand-in and must stay out of what runs inside a TEE.
package teesim
