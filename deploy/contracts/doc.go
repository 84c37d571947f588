// Package contracts holds devproof's Solidity contracts (src/), their
// compiled artifacts (artifacts/, from the pinned solc-js: npm run compile)
// and Go bindings (bindings/, from go-ethereum's abigen: go generate).
//
//   - DevproofAppAuth is an app's dstack IAppAuth (its address is the app
//     id) whose loosening changes wait a public pending period and whose
//     history other contracts can query.
//   - NotaryRegistry registers a notary signer after verifying the dstack
//     GetKey chain on chain: derived key <- app key <- KMS root, for one
//     app governed by a DevproofAppAuth and one KMS root.
//   - PredictionMarket is a binary market resolved by a registered signer's
//     EIP-712 statement, void if the app's policy loosened while it was
//     open.
//   - DevKms stands in for the deciding part of dstack's DstackKms, for
//     the dev stack and tests.
//
// The package also lays out Go values as the contracts take them and names
// reverts. It does not deploy anything (package deploy does). Tests run
// the contracts on go-ethereum's simulated chain with keys from the dstack
// simulator and statements from the notary.
package contracts

//go:generate go run ./genbindings
