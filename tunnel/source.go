package tunnel

import (
	"errors"
	"net"
	"os"
	"syscall"
	"time"
)

// source reads one connection for Splice, holding a pooled buffer only
// while there are bytes to pass on, so that an idle connection holds none.
//
// A plain TCP socket is read directly: the pooled buffer is taken when a
// read finds bytes and given back when the socket runs dry. Any other
// connection, such as a *tls.Conn, may hold bytes of its own that its
// socket does not show, so the source waits in a one-byte read, then
// fills the pooled buffer with what the connection holds already: a read
// deadline that has passed makes a read return it rather than wait.
type source struct {
	conn  net.Conn
	raw   syscall.RawConn // conn's socket, when conn is plain TCP
	large []byte          // pooled; nil when not held
	one   [1]byte
	// blocking: conn has no deadlines, so reads wait in the pooled buffer.
	blocking bool
}

func newSource(c net.Conn) *source {
	s := &source{conn: c}
	if !rawReads {
		return s
	}
	// Only the concrete type: a wrapper could hold bytes of its own.
	if tc, ok := c.(*net.TCPConn); ok {
		s.raw, _ = tc.SyscallConn()
	}
	return s
}

// longAgo is a read deadline that has passed.
var longAgo = time.Unix(1, 0)

// read returns the next bytes from the connection, waiting until deadline
// (zero: no limit), which the caller has set on it; they stay valid until
// the next call to read or release.
func (s *source) read(deadline time.Time) ([]byte, error) {
	if s.raw != nil {
		n, err := s.readRaw()
		if n > 0 {
			return s.large[:n], err
		}
		return nil, err
	}
	if s.blocking {
		if s.large == nil {
			s.large = buffers.Get()
		}
		n, err := s.conn.Read(s.large)
		return s.large[:n], err
	}
	s.release()
	n, err := s.conn.Read(s.one[:])
	if n == 0 || err != nil {
		return s.one[:n], err
	}
	if err := s.conn.SetReadDeadline(longAgo); err != nil {
		// Without deadlines, reading on to take what is held could wait
		// with this byte unsent.
		s.blocking = true
		return s.one[:], nil
	}
	s.large = buffers.Get()
	s.large[0] = s.one[0]
	n = 1
	for n < len(s.large) && err == nil {
		var k int
		k, err = s.held(s.large[n:])
		if k == 0 && err == nil {
			break
		}
		n += k
	}
	s.conn.SetReadDeadline(deadline)
	return s.large[:n], err
}

// held reads what conn holds already, once its read deadline has passed:
// 0 and no error when that is nothing.
func (s *source) held(b []byte) (int, error) {
	n, err := s.conn.Read(b)
	if errors.Is(err, os.ErrDeadlineExceeded) {
		err = nil
	}
	return n, err
}

// release gives back the pooled buffer, if one is held.
func (s *source) release() {
	if s.large != nil {
		buffers.Put(s.large)
		s.large = nil
	}
}
