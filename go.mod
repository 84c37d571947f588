module github.com/devproof/devproof

go 1.26.8

require (
	github.com/ethereum/go-ethereum v1.17.10
	github.com/google/go-tdx-guest v0.3.1
	golang.org/x/crypto v0.59.0
)

require (
	github.com/ProjectZKM/Ziren/crates/go-runtime/zkvm_runtime v0.0.0-20251001021608-1fe7b43fc4d6 // indirect
	github.com/decred/dcrd/dcrec/secp256k1/v4 v4.0.1 // indirect
	github.com/google/logger v1.1.1 // indirect
	github.com/holiman/uint256 v1.3.2 // indirect
	go.uber.org/multierr v1.11.0 // indirect
	golang.org/x/sys v0.50.0 // indirect
	google.golang.org/protobuf v1.36.12 // indirect
)
