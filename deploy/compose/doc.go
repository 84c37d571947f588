// Package compose owns dstack's app-compose.json: the Go form of the file,
// generating one from a docker-compose file (written as RFC 8785 canonical
// JSON, so its compose hash can be recomputed from its fields), its compose
// hash, and warnings about everything in it that lets the app's developer
// change what runs, or read what it holds, without changing that hash.
//
// It only warns: it does not refuse a risky app-compose, deploy one, or
// check what a running app serves. Hashes are always over the exact bytes
// of a file, never over a re-encoding of it.
package compose
