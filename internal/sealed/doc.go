// Package sealed keeps certmagic storage encrypted at rest: every value is
// sealed with AES-256-GCM under a key derived from a TEE secret (the guest
// agent's GetKey), bound to its storage key name, and a value that fails to
// open is moved to quarantine instead of being used.
//
// It does not derive the secret (the caller asks the guest agent) and does
// not detect a rollback to an older sealed value: freshness needs a version
// anchored outside the host.
package sealed
