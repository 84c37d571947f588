// Package contracts holds devproof's Solidity contracts (src/), their
// compiled artifacts (artifacts/, from the pinned solc-js: npm run compile)
// and Go bindings (bindings/, from go-ethereum's abigen: go generate).
//
//   - NotaryRegistry registers a notary signer after verifying the dstack
//     GetKey chain on chain: derived key <- app key <- KMS root, for one
//     app id and one KMS root.
//   - PredictionMarket is a binary market resolved by a registered signer's
//     EIP-712 statement.
//
// Tests run them on go-ethereum's simulated chain with keys from the
// dstack simulator and statements from the notary.
package contracts

//go:generate go run ./genbindings
