//go:build !unix

package tunnel

// Without unix sockets, sources read through net.Conn alone.
const rawReads = false

func (s *source) readRaw() (int, error) { panic("tunnel: no raw reads here") }
