// Package simchain serves go-ethereum's simulated chain over real JSON-RPC
// on loopback (HTTP and an IPC socket) and mines it on a clock that keeps
// near the wall clock, so that code which only knows an RPC URL can be
// tested against a real node. It is for tests: the chain lives as long as
// the test, and its funded keys are made up on the spot.
package simchain
