package tunnel

import (
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http/httputil"
	"os"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

var _ httputil.BufferPool = (*BufferPool)(nil)

// noLeaks fails t if goroutines it started outlive it. Registered first,
// it runs after every other cleanup.
func noLeaks(t *testing.T) {
	t.Cleanup(func() { goleak.VerifyNone(t) })
}

// tcpPair returns both ends of a loopback TCP connection.
func tcpPair(t testing.TB) (dialed, accepted *net.TCPConn) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	acc := make(chan net.Conn, 1)
	go func() {
		c, _ := l.Accept()
		acc <- c
	}()
	d, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	a := <-acc
	if a == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { d.Close(); a.Close() })
	return d.(*net.TCPConn), a.(*net.TCPConn)
}

type spliceResult struct {
	st  Stats
	err error
}

// splice connects client to backend through Splice, as the ingress does:
// client ↔ a, Splice(a, b), b ↔ backend. The returned function waits for
// Splice to return.
func splice(t *testing.T, idle time.Duration) (client, backend *net.TCPConn, wait func() spliceResult) {
	t.Helper()
	client, a := tcpPair(t)
	b, backend := tcpPair(t)
	// A generous bound, so that a broken Splice fails the test instead of
	// hanging it.
	client.SetDeadline(time.Now().Add(30 * time.Second))
	backend.SetDeadline(time.Now().Add(30 * time.Second))
	return client, backend, spliceConns(t, a, b, idle)
}

func spliceConns(t *testing.T, a, b net.Conn, idle time.Duration) func() spliceResult {
	t.Helper()
	done := make(chan spliceResult, 1)
	go func() {
		st, err := Splice(a, b, idle)
		done <- spliceResult{st, err}
	}()
	var res *spliceResult
	wait := func() spliceResult {
		t.Helper()
		if res == nil {
			select {
			case r := <-done:
				res = &r
			case <-time.After(30 * time.Second):
				t.Fatal("Splice did not return")
			}
		}
		return *res
	}
	// Ending the peers ends any Splice a failed test left running.
	t.Cleanup(func() { a.Close(); b.Close(); wait() })
	return wait
}

// stream is n deterministic pseudo-random bytes, different per seed.
func stream(seed uint64, n int) []byte {
	var key [32]byte
	key[0] = byte(seed)
	b := make([]byte, n)
	rand.NewChaCha8(key).Read(b)
	return b
}

// send writes data then half-closes, reporting any error on the channel.
func send(c *net.TCPConn, data []byte) <-chan error {
	errc := make(chan error, 1)
	go func() {
		_, err := c.Write(data)
		if err == nil {
			err = c.CloseWrite()
		}
		errc <- err
	}()
	return errc
}

// Large transfers both ways at once arrive intact, and Splice ends
// cleanly once both sides have half-closed.
func TestSpliceFullDuplex(t *testing.T) {
	noLeaks(t)
	client, backend, wait := splice(t, 30*time.Second)
	up, down := stream(1, 8<<20), stream(2, 8<<20)
	upErr, downErr := send(client, up), send(backend, down)
	gotUp := make(chan []byte, 1)
	go func() {
		b, _ := io.ReadAll(backend)
		gotUp <- b
	}()
	gotDown, err := io.ReadAll(client)
	if err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(gotDown) != sha256.Sum256(down) {
		t.Errorf("client received %d bytes that differ from the %d the backend sent", len(gotDown), len(down))
	}
	if b := <-gotUp; sha256.Sum256(b) != sha256.Sum256(up) {
		t.Errorf("backend received %d bytes that differ from the %d the client sent", len(b), len(up))
	}
	for _, e := range []error{<-upErr, <-downErr} {
		if e != nil {
			t.Error(e)
		}
	}
	r := wait()
	if r.err != nil {
		t.Errorf("Splice: %v", r.err)
	}
	if r.st != (Stats{AToB: int64(len(up)), BToA: int64(len(down))}) {
		t.Errorf("Stats = %+v, want %d each way", r.st, len(up))
	}
}

// A client that sends its request and closes its write side still
// receives the whole reply, which the backend only sends once it has
// seen the request's end.
func TestSpliceHalfClose(t *testing.T) {
	noLeaks(t)
	client, backend, wait := splice(t, 30*time.Second)
	reply := stream(3, 1<<20)
	backendErr := make(chan error, 1)
	go func() {
		req, err := io.ReadAll(backend) // ends only if Splice passes the EOF on
		if err == nil && string(req) != "request" {
			err = fmt.Errorf("backend read %q", req)
		}
		if err == nil {
			_, err = backend.Write(reply)
		}
		backend.Close()
		backendErr <- err
	}()
	if err := <-send(client, []byte("request")); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(client)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, reply) {
		t.Errorf("client got %d bytes of reply, want the %d sent", len(got), len(reply))
	}
	if err := <-backendErr; err != nil {
		t.Error(err)
	}
	r := wait()
	if r.err != nil || r.st != (Stats{AToB: 7, BToA: int64(len(reply))}) {
		t.Errorf("Splice = %+v, %v", r.st, r.err)
	}
}

// A pair where neither side sends is closed once idle.
func TestSpliceIdleEndsSilentPair(t *testing.T) {
	noLeaks(t)
	client, _, wait := splice(t, 100*time.Millisecond)
	if n, err := client.Read(make([]byte, 1)); err != io.EOF {
		t.Fatalf("client read %d bytes, %v; want EOF once the pair is idle", n, err)
	}
	r := wait()
	if !errors.Is(r.err, os.ErrDeadlineExceeded) || !strings.Contains(r.err.Error(), "no bytes either way") {
		t.Errorf("Splice error = %v, want the idle limit", r.err)
	}
}

// A pair stays open while one side streams and the other stays silent for
// longer than the idle limit, and closes once both are quiet. The test
// holds both ways.
func TestSpliceIdleSparesOneWayStream(t *testing.T) {
	const idle = 300 * time.Millisecond
	const ticks = 12 // sent idle/6 apart: twice the idle limit in all
	for _, dir := range []string{"backend to client", "client to backend"} {
		t.Run(dir, func(t *testing.T) {
			noLeaks(t)
			client, backend, wait := splice(t, idle)
			from, to := backend, client
			if dir == "client to backend" {
				from, to = client, backend
			}
			go func() {
				for i := range ticks {
					time.Sleep(idle / 6)
					fmt.Fprintf(from, "%x", i)
				}
				// Then silent, but open, until Splice closes the pair.
			}()
			got, err := io.ReadAll(to)
			if err != nil {
				t.Fatalf("after %q: %v (Splice did not close an idle pair)", got, err)
			}
			if string(got) != "0123456789ab" {
				t.Errorf("read %q while the other side was silent, want all %d ticks", got, ticks)
			}
			if r := wait(); !errors.Is(r.err, os.ErrDeadlineExceeded) {
				t.Errorf("Splice error = %v, want the idle limit", r.err)
			}
		})
	}
}

// A client that stops reading while the backend keeps sending is cut off
// once nothing has been written to it for the idle limit.
func TestSpliceCutsOffStalledReader(t *testing.T) {
	noLeaks(t)
	client, backend, wait := splice(t, 200*time.Millisecond)
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		chunk := stream(4, 64<<10)
		for {
			if _, err := backend.Write(chunk); err != nil {
				return
			}
		}
	}()
	r := wait()
	if !errors.Is(r.err, os.ErrDeadlineExceeded) || !strings.Contains(r.err.Error(), "writing to "+client.LocalAddr().String()) {
		t.Errorf("Splice error = %v, want a write to the client that timed out", r.err)
	}
	if r.st.BToA == 0 {
		t.Errorf("Stats = %+v: nothing reached the client before it stalled", r.st)
	}
	backend.Close()
	<-stopped
}

// Closing the connections from outside, as a server does when it shuts
// down, ends a Splice with no idle limit.
func TestSpliceClosedByCaller(t *testing.T) {
	noLeaks(t)
	client, a := tcpPair(t)
	b, _ := tcpPair(t)
	wait := spliceConns(t, a, b, 0)
	io.WriteString(client, "x")
	a.Close()
	b.Close()
	if r := wait(); !errors.Is(r.err, net.ErrClosed) {
		t.Errorf("Splice error = %v, want net.ErrClosed", r.err)
	}
}

// A connection that cannot half-close ends the pair when the other side
// is done, after what was sent has been delivered.
func TestSpliceWithoutHalfClose(t *testing.T) {
	noLeaks(t)
	client, a := net.Pipe()
	b, backend := tcpPair(t)
	wait := spliceConns(t, a, b, 30*time.Second)
	if err := <-send(backend, []byte("bye")); err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(client)
	if err != nil || string(got) != "bye" {
		t.Errorf("client read %q, %v; want \"bye\" then EOF", got, err)
	}
	if r := wait(); r.err != nil || r.st.BToA != 3 {
		t.Errorf("Splice = %+v, %v", r.st, r.err)
	}
	client.Close()
}

// tlsPair returns both ends of a loopback TLS connection, handshaken.
func tlsPair(t *testing.T) (client, server *tls.Conn) {
	t.Helper()
	ca, cert := newCA(t)
	c, s := tcpPair(t)
	client = tls.Client(c, &tls.Config{ServerName: "a.test", RootCAs: ca.Pool()})
	server = tls.Server(s, &tls.Config{Certificates: []tls.Certificate{cert}})
	errc := make(chan error, 1)
	go func() { errc <- server.Handshake() }()
	if err := client.Handshake(); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	return client, server
}

// mixed is n deterministic pseudo-random bytes cut into chunks from 1
// byte to 100 KiB, so reads come back both small and large.
func mixed(seed uint64, n int) (data []byte, chunks [][]byte) {
	data = stream(seed, n)
	r := rand.New(rand.NewPCG(seed, 0))
	for rest := data; len(rest) > 0; {
		size := 1 + r.IntN(100<<10)
		if r.IntN(2) == 0 {
			size = 1 + r.IntN(64) // small, as an interactive peer sends
		}
		size = min(size, len(rest))
		chunks = append(chunks, rest[:size])
		rest = rest[size:]
	}
	return data, chunks
}

// sendChunks writes each chunk with its own Write (its own TLS record, or
// records) then half-closes, reporting any error on the channel.
func sendChunks(c interface {
	io.Writer
	CloseWrite() error
}, chunks [][]byte) <-chan error {
	errc := make(chan error, 1)
	go func() {
		for _, b := range chunks {
			if _, err := c.Write(b); err != nil {
				errc <- err
				return
			}
		}
		errc <- c.CloseWrite()
	}()
	return errc
}

// noDeadlines is a connection whose read deadlines cannot be set.
type noDeadlines struct{ *tls.Conn }

func (noDeadlines) SetReadDeadline(time.Time) error { return errors.ErrUnsupported }

// A stream of small and large writes arrives exact and in order both ways
// when one side is TLS, whose reads Splice takes in a one-byte read and
// then in a pooled buffer, and the other plain TCP, read into the pooled
// buffer only once bytes are there; and when the TLS side has no read
// deadlines, so reads wait in the pooled buffer.
func TestSpliceMixedSizes(t *testing.T) {
	for _, tc := range []struct {
		name string
		wrap func(*tls.Conn) net.Conn
		idle time.Duration
	}{
		{"tls", func(c *tls.Conn) net.Conn { return c }, 30 * time.Second},
		{"tls without read deadlines", func(c *tls.Conn) net.Conn { return noDeadlines{c} }, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noLeaks(t)
			client, a := tlsPair(t)
			b, backend := tcpPair(t)
			client.SetDeadline(time.Now().Add(30 * time.Second))
			backend.SetDeadline(time.Now().Add(30 * time.Second))
			wait := spliceConns(t, tc.wrap(a), b, tc.idle)
			size := 4 << 20
			if raceEnabled {
				size = 1 << 20
			}
			up, upChunks := mixed(11, size)
			down, downChunks := mixed(12, size)
			upErr, downErr := sendChunks(client, upChunks), sendChunks(backend, downChunks)
			gotUp := make(chan []byte, 1)
			go func() {
				b, _ := io.ReadAll(backend)
				gotUp <- b
			}()
			gotDown, err := io.ReadAll(client)
			if err != nil {
				t.Fatalf("client read: %v", err)
			}
			if err := <-upErr; err != nil {
				t.Fatalf("client send: %v", err)
			}
			if err := <-downErr; err != nil {
				t.Fatalf("backend send: %v", err)
			}
			if sha256.Sum256(<-gotUp) != sha256.Sum256(up) {
				t.Error("bytes from the client arrived altered")
			}
			if sha256.Sum256(gotDown) != sha256.Sum256(down) {
				t.Error("bytes from the backend arrived altered")
			}
			if r := wait(); r.err != nil || r.st.AToB != int64(size) || r.st.BToA != int64(size) {
				t.Errorf("Splice = %+v, %v; want %d bytes each way", r.st, r.err, size)
			}
		})
	}
}

// A source waiting for bytes holds no pooled buffer, after small reads and
// large ones, from plain TCP and from TLS.
func TestSourceWaitsWithoutBuffer(t *testing.T) {
	tcpPeer, tcpConn := tcpPair(t)
	tlsPeer, tlsConn := tlsPair(t)
	for _, tc := range []struct {
		name string
		peer io.Writer
		conn net.Conn
	}{
		{"tcp", tcpPeer, tcpConn},
		{"tls", tlsPeer, tlsConn},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSource(tc.conn)
			defer s.release()
			for _, size := range []int{1, 100, BufferSize, 3 * BufferSize} {
				sent := stream(uint64(size), size)
				if _, err := tc.peer.Write(sent); err != nil {
					t.Fatal(err)
				}
				var got []byte
				for len(got) < size {
					b, err := s.read(time.Time{})
					if err != nil {
						t.Fatalf("read after %d of %d bytes: %v", len(got), size, err)
					}
					got = append(got, b...)
				}
				if !bytes.Equal(got, sent) {
					t.Fatalf("%d bytes arrived altered", size)
				}
				// The read waits until the deadline, then gives up.
				deadline := time.Now().Add(20 * time.Millisecond)
				tc.conn.SetReadDeadline(deadline)
				if b, err := s.read(deadline); len(b) != 0 || !errors.Is(err, os.ErrDeadlineExceeded) {
					t.Fatalf("read with nothing sent = %d bytes, %v", len(b), err)
				}
				if s.large != nil {
					t.Fatalf("after %d bytes, a read waited holding a pooled buffer", size)
				}
				tc.conn.SetReadDeadline(time.Time{})
			}
		})
	}
}

func TestBufferPool(t *testing.T) {
	var p BufferPool
	b := p.Get()
	if len(b) != BufferSize {
		t.Fatalf("Get returned %d bytes, want %d", len(b), BufferSize)
	}
	p.Put(b)
	p.Put(make([]byte, 10)) // too small: dropped, never handed out
	for range 3 {
		if b := p.Get(); len(b) != BufferSize {
			t.Fatalf("Get after Put returned %d bytes", len(b))
		}
	}
	if n := testing.AllocsPerRun(100, func() { p.Put(p.Get()) }); n != 0 {
		t.Errorf("Get and Put allocate %v times per cycle", n)
	}
	if Buffers() != Buffers() {
		t.Error("Buffers returns different pools")
	}
}

// BenchmarkSplice measures one-way throughput through a loopback splice,
// written in 64 KiB chunks.
func BenchmarkSplice(b *testing.B) {
	const chunk = 64 << 10
	client, a := tcpPair(b)
	c, backend := tcpPair(b)
	done := make(chan error, 1)
	go func() {
		_, err := Splice(a, c, 30*time.Second)
		done <- err
	}()
	drained := make(chan int64, 1)
	go func() {
		n, _ := io.Copy(io.Discard, backend)
		drained <- n
	}()
	buf := stream(5, chunk)
	b.SetBytes(chunk)
	b.ResetTimer()
	for range b.N {
		if _, err := client.Write(buf); err != nil {
			b.Fatal(err)
		}
	}
	client.CloseWrite()
	if n := <-drained; n != int64(b.N)*chunk {
		b.Fatalf("backend received %d bytes, want %d", n, int64(b.N)*chunk)
	}
	b.StopTimer()
	client.Close()
	backend.Close()
	if err := <-done; err != nil {
		b.Fatal(err)
	}
}
