// Package atomicfile writes state files so that a reader, or a restart
// after a crash, sees either the old file or the new one, never half of
// one. It does not lock: callers that write the same path from several
// goroutines order the writes themselves.
package atomicfile
