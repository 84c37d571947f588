// Package ctlog runs TesseraCT, a static-ct-api (tiled) Certificate
// Transparency log, in process on loopback with POSIX storage in a
// directory: the local stand-in for the logs Let's Encrypt submits to, for
// `devproof dev` and tests. It also writes a loglist3 document naming the
// local logs, in the tiled_logs form Chrome's 2026 lists use, and has log
// keys with no log behind them (Key) for tests that need SCTs no honest log
// would sign.
//
// It does not monitor or read logs back for anyone; it only accepts
// submissions (add-chain, add-pre-chain) and serves the checkpoint, tiles
// and issuers as plain files under its monitoring URL. SignCheckpoint lets
// a test make the log sign a second view of its tree. Nothing that runs
// inside a TEE imports it.
package ctlog
