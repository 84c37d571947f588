package tunnel

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

var (
	alice = PSK{Identity: "alice", Key: []byte("alice's key: 0123456789")}
	bob   = PSK{Identity: "bob", Key: []byte("bob's key: abcdefghijkl")}
)

// servePSK starts s, which has no certificate of its own, on loopback.
func servePSK(t *testing.T, s *Server) (addr string, log *recorder, stop func() error) {
	t.Helper()
	f := startServer(t, s)
	return f.addr, f.log, f.stop
}

// countingTarget counts the connections it gets and closes each at once,
// so a client wrongly let through fails rather than waits.
func countingTarget(t *testing.T) (string, *atomic.Int32) {
	var n atomic.Int32
	return backend(t, func(*net.TCPConn) { n.Add(1) }), &n
}

// A client with the key gets through, byte-exact with half-close, to a
// server that has no certificate of its own.
func TestPSKRoundTrip(t *testing.T) {
	noLeaks(t)
	target := backend(t, echo)
	srv, log, stopServer := servePSK(t, &Server{Default: target, PSKSecrets: []PSK{bob, alice}})
	addr, _, stopClient := runClient(t, &Client{Connect: []string{srv}, PSK: &alice})
	roundTrip(t, addr, 1<<20)
	roundTrip(t, addr, 10) // a resumed session proves the key again
	stopClient()
	stopServer()
	recs := log.records()
	if len(recs) != 2 {
		t.Fatalf("want 2 log lines, got %v", recs)
	}
	for _, rec := range recs {
		rec.want(t, "psk_identity", "alice")
		rec.want(t, "reason", "both sides closed")
	}
	if got := recs[0].attrs["bytes_in"] + " " + recs[1].attrs["bytes_in"]; got != "1048576 10" && got != "10 1048576" {
		t.Errorf("bytes_in of the two connections: %s, want 1048576 and 10", got)
	}
}

// pskRefused checks that a client with psk is refused by a server with
// alice's and bob's keys, the server logging want, and that no byte
// reached the target.
func pskRefused(t *testing.T, psk PSK, want string) {
	t.Helper()
	target, reached := countingTarget(t)
	srv, log, stopServer := servePSK(t, &Server{Default: target, PSKSecrets: []PSK{alice, bob}})
	addr, clientLog, stopClient := runClient(t, &Client{Connect: []string{srv}, PSK: &psk})
	refused(t, addr, clientLog, "the server sent no tag for identity")
	stopClient()
	stopServer()
	rec := log.only(t)
	rec.want(t, "reason", "PSK")
	rec.want(t, "err", want)
	if n := reached.Load(); n != 0 {
		t.Errorf("the target got %d connections from a refused client", n)
	}
}

func TestPSKWrongKey(t *testing.T) {
	noLeaks(t)
	pskRefused(t, PSK{Identity: "alice", Key: bob.Key}, `psk tag of identity "alice" does not match`)
}

func TestPSKUnknownIdentity(t *testing.T) {
	noLeaks(t)
	pskRefused(t, PSK{Identity: "mallory", Key: alice.Key}, `psk unknown identity "mallory"`)
}

// A TLS client that knows nothing of PSK sends its payload at once: the
// server takes it for a malformed proof and passes none of it on.
func TestPSKClientWithoutPSK(t *testing.T) {
	noLeaks(t)
	target, reached := countingTarget(t)
	srv, log, stop := servePSK(t, &Server{Default: target, PSKSecrets: []PSK{alice}})
	c, err := tls.Dial("tcp", srv, &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write([]byte("GET / HTTP/1.1\r\n\r\n"))
	c.CloseWrite()
	if b, _ := io.ReadAll(c); len(b) != 0 {
		t.Fatalf("read %q from a PSK server without a proof", b)
	}
	stop()
	rec := log.only(t)
	rec.want(t, "reason", "PSK")
	rec.want(t, "err", "psk proof malformed")
	rec.want(t, "err", "not using devproof's PSK")
	if n := reached.Load(); n != 0 {
		t.Errorf("the target got %d connections", n)
	}
}

// The client does not take the server on trust either: a server that
// cannot prove the key back is refused before a byte passes.
func TestPSKServerMustProveKey(t *testing.T) {
	noLeaks(t)
	cert, err := ephemeralCert()
	if err != nil {
		t.Fatal(err)
	}
	l, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	defer l.Close()
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			wg.Go(func() {
				defer c.Close()
				readPSKProof(c)
				c.Write(make([]byte, pskTagSize)) // a tag it could not compute
				io.Copy(io.Discard, c)
			})
		}
	})
	addr, log, stop := runClient(t, &Client{Connect: []string{l.Addr().String()}, PSK: &alice})
	refused(t, addr, log, `the server's tag for identity \"alice\" does not match`)
	stop()
}

// A man in the middle who knows no key relays the client's proof from
// its TLS session with the client into its own session with the server:
// the exporters differ, so the server refuses the tag.
func TestPSKRelayRefused(t *testing.T) {
	noLeaks(t)
	target, reached := countingTarget(t)
	srv, log, stopServer := servePSK(t, &Server{Default: target, PSKSecrets: []PSK{alice}})
	cert, err := ephemeralCert()
	if err != nil {
		t.Fatal(err)
	}
	relay := backend(t, func(c *net.TCPConn) {
		in := tls.Server(c, &tls.Config{Certificates: []tls.Certificate{cert}})
		out, err := tls.Dial("tcp", srv, &tls.Config{InsecureSkipVerify: true})
		if err != nil {
			return
		}
		if err := in.Handshake(); err != nil {
			out.Close()
			return
		}
		Splice(in, out, 0)
	})
	addr, clientLog, stopClient := runClient(t, &Client{Connect: []string{relay}, PSK: &alice})
	refused(t, addr, clientLog, "the server sent no tag")
	stopClient()
	stopServer()
	rec := log.only(t)
	rec.want(t, "reason", "PSK")
	rec.want(t, "err", `psk tag of identity "alice" does not match: a wrong key, or a relayed TLS session`)
	if n := reached.Load(); n != 0 {
		t.Errorf("the target got %d connections through the relay", n)
	}
}

func TestServerRefusesBadPSK(t *testing.T) {
	for _, c := range []struct {
		psks []PSK
		want string
	}{
		{[]PSK{{Identity: "a", Key: []byte("short")}}, `psk "a": key is 5 bytes, want at least 16`},
		{[]PSK{{Identity: "", Key: alice.Key}}, "psk 1: identity is 0 bytes"},
		{[]PSK{alice, alice}, `psk "alice": identity given twice`},
	} {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		err = (&Server{Default: "h:1", PSKSecrets: c.psks}).Serve(context.Background(), l)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Serve error %v, want it to contain %q", err, c.want)
		}
		if strings.Contains(fmt.Sprint(err), "short") {
			t.Errorf("the error shows the key: %v", err)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	err = (&Client{Connect: []string{"h:1"}, PSK: &PSK{Identity: "a", Key: []byte("short")}}).Serve(context.Background(), l)
	if err == nil || !strings.Contains(err.Error(), `psk "a": key is 5 bytes`) {
		t.Errorf("client Serve error %v, want the short key refused", err)
	}
}

func TestParsePSKSecrets(t *testing.T) {
	good := "alice:alice's key: 0123456789\r\n\nbob:bob's key: abcdefghijkl\n"
	psks, err := ParsePSKSecrets("psk.txt", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(psks) != 2 || psks[0].Identity != "alice" || !bytes.Equal(psks[0].Key, alice.Key) || psks[1].Identity != "bob" || !bytes.Equal(psks[1].Key, bob.Key) {
		t.Fatalf("parsed %v", psks)
	}
	if s := fmt.Sprintf("%v %+v %#v %s", psks[0], psks[0], psks[0], psks[0]); strings.Contains(s, "0123456789") {
		t.Errorf("formatting a PSK shows its key: %s", s)
	}
	const secret = "sekrit-0123456789"
	for _, c := range []struct{ file, want string }{
		{"alice:" + secret + "\n" + secret + "\n", "psk.txt line 2: no colon: want IDENTITY:KEY"},
		{"alice:0123456789abcde\n", `psk.txt line 1: the key of identity "alice" is 15 bytes, want at least 16`},
		{":" + secret + "\n", "psk.txt line 1: the identity is empty"},
		{strings.Repeat("i", 129) + ":" + secret, "psk.txt line 1: the identity is 129 bytes, want at most 128"},
		{"a:" + secret + "\n\nb:" + secret + "\na:" + secret + "x\n", `psk.txt line 4: identity "a" is already on line 1`},
		{"\n\r\n", "psk.txt holds no IDENTITY:KEY line"},
	} {
		_, err := ParsePSKSecrets("psk.txt", []byte(c.file))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.file, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "sekrit") {
			t.Errorf("%q: the error shows the key: %v", c.file, err)
		}
	}
	if _, err := LoadPSKSecrets("/nonexistent/psk.txt"); err == nil || !strings.Contains(err.Error(), "/nonexistent/psk.txt") {
		t.Errorf("missing file: %v", err)
	}
}

func TestReadPSKProof(t *testing.T) {
	tag := bytes.Repeat([]byte{0xaa}, pskTagSize)
	valid := appendPSKProof(nil, "alice", tag)
	id, got, err := readPSKProof(bytes.NewReader(append(valid, "payload"...)))
	if err != nil || id != "alice" || !bytes.Equal(got, tag) {
		t.Fatalf("readPSKProof = %q, %x, %v", id, got, err)
	}
	for _, c := range []struct {
		in   []byte
		want string
	}{
		{[]byte("DPSK"), "reading its header: unexpected EOF"},
		{[]byte("GET / HTTP/1.1\r\n"), `it starts with "GET /", not "DPSK\x01"`},
		{[]byte("DPSK\x02\x05alice"), `not "DPSK\x01"`},
		{[]byte("DPSK\x01\x00"), "identity length 0 is not 1 to 128"},
		{[]byte("DPSK\x01\x81"), "identity length 129 is not 1 to 128"},
		{valid[:len(valid)-1], "reading identity and tag: unexpected EOF"},
	} {
		_, _, err := readPSKProof(bytes.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
	}
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int
}

func (c *countReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.n += n
	return n, err
}

// FuzzReadPSKProof: the parser reads no more than the longest proof, and
// what it accepts is exactly what appendPSKProof writes.
func FuzzReadPSKProof(f *testing.F) {
	f.Add(appendPSKProof(nil, "alice", make([]byte, pskTagSize)))
	f.Add(appendPSKProof(nil, strings.Repeat("i", pskMaxIdentity), make([]byte, pskTagSize)))
	f.Add([]byte("DPSK\x01\x00"))
	f.Add([]byte("DPSK\x01\xff"))
	f.Add([]byte("\x16\x03\x01\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := &countReader{r: bytes.NewReader(in)}
		id, tag, err := readPSKProof(r)
		if r.n > len(pskMagic)+1+pskMaxIdentity+pskTagSize {
			t.Fatalf("read %d bytes", r.n)
		}
		if err != nil {
			return
		}
		if again := appendPSKProof(nil, id, tag); !bytes.Equal(again, in[:r.n]) {
			t.Fatalf("accepted %q, which encodes as %q", in[:r.n], again)
		}
	})
}

// FuzzParsePSKSecrets: what the parser accepts is a PSKsecrets file could
// hold, and writing it back parses to the same keys.
func FuzzParsePSKSecrets(f *testing.F) {
	f.Add([]byte("alice:alice's key: 0123456789\r\n\nbob:bob's key: abcdefghijkl\n"))
	f.Add([]byte("a:0123456789abcde\n"))
	f.Add([]byte("a:0123456789abcdef\na:0123456789abcdef\n"))
	f.Add([]byte(":\n\r\n"))
	f.Add([]byte("a:0123456789abcdef\r\r\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		psks, err := ParsePSKSecrets("fuzz.txt", in)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "psk secrets fuzz.txt ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if err := checkPSKs(psks); err != nil {
			t.Fatalf("accepted %q: %v", in, err)
		}
		var out []byte
		for _, p := range psks {
			if strings.ContainsAny(p.Identity, ":\n") || bytes.ContainsRune(p.Key, '\n') {
				t.Fatalf("accepted %v with a colon or newline in the identity, or a newline in the key", p)
			}
			out = append(append(append(append(out, p.Identity...), ':'), p.Key...), "\r\n"...)
		}
		again, err := ParsePSKSecrets("fuzz.txt", out)
		if err != nil || len(again) != len(psks) {
			t.Fatalf("written back, %q parses to %d keys, %v; want %d", out, len(again), err, len(psks))
		}
		for i := range psks {
			if again[i].Identity != psks[i].Identity || !bytes.Equal(again[i].Key, psks[i].Key) {
				t.Fatalf("line %d changed when written back", i+1)
			}
		}
	})
}
