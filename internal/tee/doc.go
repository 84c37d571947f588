// Package tee is a client for the dstack guest agent's wire API: JSON over
// HTTP on a unix socket (or an http(s) URL in development), byte-compatible
// with dstack's official SDK.
//
// It only carries requests and typed responses; it verifies nothing (see
// internal/attest) and derives no keys itself (the simulator that stands in
// for the agent is internal/teesim).
package tee
