package tunnel

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Stats counts the bytes Splice delivered in each direction.
type Stats struct {
	AToB, BToA int64
}

// Splice copies bytes both ways between a and b until both directions are
// done, then closes both connections and returns.
//
// When one side reaches EOF, Splice half-closes the other (CloseWrite) so
// its peer sees the end while bytes still flow back; a connection without
// CloseWrite cannot signal that, so then Splice ends the pair at once.
// With idle > 0, the pair also ends once neither side has moved a byte for
// idle: one side may stay silent while the other streams. A write that
// makes no progress for idle ends the pair too, so a peer that stops
// reading cannot hold it. With idle == 0 only the peers, or closing a or
// b, end it.
//
// The error is nil when both directions ended with EOF; otherwise it is
// the first failure, naming the connection, and wraps
// os.ErrDeadlineExceeded when the idle limit ended the pair. Splice
// starts one goroutine, which has ended by the time it returns. It copies
// through Buffers, holding a buffer only while bytes are there to pass
// on: a pair waiting on both sides holds none.
func Splice(a, b net.Conn, idle time.Duration) (Stats, error) {
	p := &pair{a: a, b: b, idle: idle, start: time.Now()}
	p.touch()
	var st Stats
	done := make(chan struct{})
	go func() {
		defer close(done)
		st.BToA = p.copy(a, b)
	}()
	st.AToB = p.copy(b, a)
	<-done
	p.end(nil)
	return st, p.err
}

// pair is the shared state of one Splice.
type pair struct {
	a, b  net.Conn
	idle  time.Duration
	start time.Time // the idle clock reads time.Since(start), which is monotonic

	last    atomic.Int64 // when a byte last moved either way, as time.Since(start)
	writing atomic.Int32 // writes in progress

	once sync.Once
	err  error // set once, by end
}

func (p *pair) touch() { p.last.Store(int64(time.Since(p.start))) }

// quiet is how long no byte has moved either way.
func (p *pair) quiet() time.Duration { return time.Since(p.start) - time.Duration(p.last.Load()) }

// end records why the pair ends (nil for a clean end) and closes both
// connections, which unblocks the other direction. Only the first call
// counts: what follows from the close is not a cause.
func (p *pair) end(err error) {
	p.once.Do(func() {
		p.err = err
		p.a.Close()
		p.b.Close()
	})
}

// copy moves src's bytes to dst until src's EOF or a failure, and reports
// how many it delivered.
func (p *pair) copy(dst, src net.Conn) int64 {
	s := newSource(src)
	defer s.release()
	var total int64
	for {
		b, rerr := p.read(s)
		if len(b) > 0 {
			w, werr := p.write(dst, b)
			total += int64(w)
			if werr != nil {
				p.end(fmt.Errorf("tunnel: writing to %s: %w", addr(dst), werr))
				return total
			}
		}
		switch {
		case rerr == nil:
		case errors.Is(rerr, io.EOF):
			cw, ok := dst.(interface{ CloseWrite() error })
			if !ok {
				p.end(nil) // nothing else can tell dst's peer that src is done
			} else if err := cw.CloseWrite(); err != nil {
				p.end(fmt.Errorf("tunnel: half-closing %s: %w", addr(dst), err))
			}
			return total
		case errors.Is(rerr, os.ErrDeadlineExceeded):
			p.end(fmt.Errorf("tunnel: no bytes either way between %s and %s for %v: %w", addr(p.a), addr(p.b), p.idle, rerr))
			return total
		default:
			p.end(fmt.Errorf("tunnel: reading from %s: %w", addr(src), rerr))
			return total
		}
	}
}

// read reads from src with a deadline that passes only once the whole pair
// has been idle: bytes moving the other way, or a write still in progress,
// keep this direction waiting.
func (p *pair) read(s *source) ([]byte, error) {
	for {
		var deadline time.Time
		if p.idle > 0 {
			wait := p.idle - p.quiet()
			if p.writing.Load() > 0 {
				wait = p.idle // the write is bounded by its own deadline
			}
			deadline = time.Now().Add(wait)
			s.conn.SetReadDeadline(deadline)
		}
		b, err := s.read(deadline)
		if len(b) > 0 {
			p.touch()
		}
		if len(b) == 0 && errors.Is(err, os.ErrDeadlineExceeded) && !p.idleNow() {
			continue
		}
		return b, err
	}
}

func (p *pair) idleNow() bool { return p.writing.Load() == 0 && p.quiet() >= p.idle }

// write writes all of b to dst. Each attempt may wait idle for the peer
// to read; one that got some bytes through is retried, so a slow reader
// is served and only one that read nothing for idle is cut off.
func (p *pair) write(dst net.Conn, b []byte) (int, error) {
	p.writing.Add(1)
	defer p.writing.Add(-1)
	total := 0
	for {
		if p.idle > 0 {
			dst.SetWriteDeadline(time.Now().Add(p.idle))
		}
		n, err := dst.Write(b[total:])
		total += n
		if n > 0 {
			p.touch()
		}
		if err == nil || total == len(b) {
			return total, err
		}
		if n == 0 || !errors.Is(err, os.ErrDeadlineExceeded) {
			if errors.Is(err, os.ErrDeadlineExceeded) {
				err = fmt.Errorf("peer read nothing for %v: %w", p.idle, err)
			}
			return total, err
		}
	}
}

// addr names a connection by its remote address, for errors.
func addr(c net.Conn) string {
	if a := c.RemoteAddr(); a != nil {
		return a.String()
	}
	return "(unknown peer)"
}

// BufferSize is the size of a BufferPool's buffers, the same as io.Copy's.
const BufferSize = 32 << 10

// BufferPool recycles BufferSize copy buffers. It satisfies
// httputil.BufferPool, so a reverse proxy can draw from the pool Splice
// uses (see Buffers). The zero value is ready to use; it is safe for
// concurrent use.
type BufferPool struct{ pool sync.Pool }

// Get returns a buffer of BufferSize bytes.
func (p *BufferPool) Get() []byte {
	if b, ok := p.pool.Get().(*[BufferSize]byte); ok {
		return b[:]
	}
	return make([]byte, BufferSize)
}

// Put gives b back for reuse; the caller must not touch it afterwards.
// Buffers smaller than BufferSize are dropped.
func (p *BufferPool) Put(b []byte) {
	if cap(b) < BufferSize {
		return
	}
	// An array pointer, unlike a slice, goes into the pool without an
	// allocation.
	p.pool.Put((*[BufferSize]byte)(b[:BufferSize]))
}

var buffers BufferPool

// Buffers returns the pool Splice copies through, to share with other
// copiers such as httputil.ReverseProxy.
func Buffers() *BufferPool { return &buffers }
