// Package devstack runs devproof's whole stack on one machine with real
// local stand-ins instead of a TEE and internet services: today the dstack
// guest-agent simulator, checked end to end through the same client and
// verifier production uses.
//
// It is what `devproof dev` runs. It imports the stand-ins, so nothing that
// runs inside a TEE may import it.
package devstack
