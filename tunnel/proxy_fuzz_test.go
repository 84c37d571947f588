package tunnel

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"net"
	"testing"
)

// FuzzReadHeader checks that ReadHeader never panics, consumes exactly
// the header it accepts, and accepts only headers whose addresses survive
// being written again in the same version.
func FuzzReadHeader(f *testing.F) {
	for _, s := range []string{
		"PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\r\nGET / HTTP/1.1\r\n",
		"PROXY TCP6 2001:db8::1 2001:db8::2 56324 443\r\n",
		"PROXY TCP6 ::ffff:192.0.2.1 ::1 0 65535\r\n",
		"PROXY UNKNOWN\r\n",
		"PROXY UNKNOWN 1.2.3.4 5.6.7.8 1 2\r\nrest",
		"PROXY TCP4 1.2.3.04 5.6.7.8 080 2\r\n",
		"PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n",
		"GET / HTTP/1.1\r\n",
	} {
		f.Add([]byte(s))
	}
	for _, s := range []string{
		"21 11 000c c0000201 c6336407 dc04 01bb 68656c6c6f",
		"21 21 0024 20010db8000000000000000000000001 20010db8000000000000000000000002 dc04 01bb",
		"21 11 001d c0000201 c6336407 dc04 01bb 02 000b 6578616d706c652e636f6d 04 0000",
		"20 00 0000",
		"20 11 000c c0000201 c6336407 dc04 01bb",
		"21 00 0003 010203",
		"21 12 000c c0000201 c6336407 dc04 01bb",
		"21 11 0008 c0000201 c6336407",
		"21 11 0014 c0000201 c6336407 dc04 01bb 02 000a 6578616d70",
		"22 11 000c",
	} {
		f.Add(unhex(f, sigHex+s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReaderSize(bytes.NewReader(data), 16) // the smallest bufio allows
		h, err := ReadHeader(r)
		if err != nil {
			return
		}
		rest, _ := io.ReadAll(r)
		consumed := len(data) - len(rest)
		var want int
		var enc []byte
		switch h.Version {
		case 1:
			want = bytes.IndexByte(data, '\n') + 1
			enc = AppendV1(nil, h.Source, h.Destination)
		case 2:
			want = 16 + int(binary.BigEndian.Uint16(data[14:16]))
			enc = AppendV2(nil, h.Source, h.Destination)
		default:
			t.Fatalf("version %d", h.Version)
		}
		if consumed != want {
			t.Fatalf("v%d header is %d bytes, ReadHeader consumed %d", h.Version, want, consumed)
		}
		if (h.Source == nil) != (h.Destination == nil) {
			t.Fatalf("only one address: %v → %v", h.Source, h.Destination)
		}
		h2, err := ReadHeader(bufio.NewReader(bytes.NewReader(enc)))
		if err != nil {
			t.Fatalf("re-encoded %q does not read back: %v", enc, err)
		}
		if h2.Version != h.Version || !sameAddr(h2.Source, tcpOrNil(h.Source)) || !sameAddr(h2.Destination, tcpOrNil(h.Destination)) {
			t.Fatalf("%+v re-encoded as %q reads back as %+v", h, enc, h2)
		}
	})
}

// tcpOrNil keeps a nil *net.TCPAddr a nil net.Addr.
func tcpOrNil(a *net.TCPAddr) net.Addr {
	if a == nil {
		return nil
	}
	return a
}
