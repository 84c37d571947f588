//go:build unix

package tunnel

import (
	"io"
	"os"
	"syscall"
)

const rawReads = true

// readRaw reads the socket into the pooled buffer, taking it only once a
// read finds bytes and giving it back whenever the socket runs dry, so
// that waiting holds no buffer. Deadlines and Close work as for Read.
func (s *source) readRaw() (int, error) {
	var n int
	var errno error
	err := s.raw.Read(func(fd uintptr) bool {
		if s.large == nil {
			s.large = buffers.Get()
		}
		for {
			n, errno = syscall.Read(int(fd), s.large)
			if errno != syscall.EINTR {
				break
			}
		}
		if errno == syscall.EAGAIN {
			s.release()
			return false // wait for the socket, then read again
		}
		return true
	})
	switch {
	case err != nil:
		return 0, err
	case errno != nil:
		return 0, os.NewSyscallError("read", errno)
	case n == 0:
		return 0, io.EOF
	}
	return n, nil
}
