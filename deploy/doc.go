// Package deploy puts a dev-proof app's contracts on a chain through any
// JSON-RPC node: the app's DevproofAppAuth (whose address is its dstack app
// id), its registration with dstack's KMS, compose-hash proposals and
// activations, a NotaryRegistry with the app's notary signer, and a
// PredictionMarket. It checks what it attaches to, waits for every receipt,
// and reports what exists on chain, with what users should check.
//
// It does not hold the contracts (deploy/contracts does), build or measure
// the app's compose file, or keep state between runs: the chain is the
// state, and a run that stops part way says which flags resume it. Errors
// and the report name inputs by the flags of `devproof deploy`.
package deploy
