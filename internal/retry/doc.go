// Package retry runs an operation until it succeeds, with exponential
// backoff and jitter between attempts, so that every retry loop in devproof
// waits the same way and ends when its context does.
//
// It does not decide which errors are worth retrying beyond Permanent, and
// it never retries behind a caller's back: the caller names each operation
// it retries.
package retry
