package tunnel

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// Vectors follow HAProxy's "The PROXY protocol": section 2.1 (v1) and 2.2
// (v2). Hex is written out by hand, not produced by the code under test.

const sigHex = "0d0a0d0a000d0a515549540a"

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(strings.ReplaceAll(s, " ", ""))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func tcp(s string) *net.TCPAddr {
	a, err := net.ResolveTCPAddr("tcp", s)
	if err != nil {
		panic(err)
	}
	return a
}

var (
	src4, dst4 = tcp("192.0.2.1:56324"), tcp("198.51.100.7:443")
	src6, dst6 = tcp("[2001:db8::1]:56324"), tcp("[2001:db8::2]:443")
)

func TestAppendV2(t *testing.T) {
	for _, tc := range []struct {
		name     string
		src, dst net.Addr
		want     string
	}{
		{"IPv4", src4, dst4, sigHex + "21 11 000c c0000201 c6336407 dc04 01bb"},
		{"IPv6", src6, dst6, sigHex + "21 21 0024 20010db8000000000000000000000001 20010db8000000000000000000000002 dc04 01bb"},
		{"IPv4 to IPv6, mapped", src4, dst6, sigHex + "21 21 0024 00000000000000000000ffffc0000201 20010db8000000000000000000000002 dc04 01bb"},
		{"IPv4-mapped IPv6 pair", tcp("[::ffff:192.0.2.1]:56324"), tcp("[::ffff:198.51.100.7]:443"), sigHex + "21 11 000c c0000201 c6336407 dc04 01bb"},
		{"zone dropped", tcp("[fe80::1%lo]:1"), tcp("[fe80::2%lo]:2"), sigHex + "21 21 0024 fe800000000000000000000000000001 fe800000000000000000000000000002 0001 0002"},
		{"UDP is LOCAL", &net.UDPAddr{IP: src4.IP, Port: 1}, dst4, sigHex + "20 00 0000"},
		{"Unix is LOCAL", &net.UnixAddr{Name: "/run/x", Net: "unix"}, dst4, sigHex + "20 00 0000"},
		{"nil is LOCAL", nil, nil, sigHex + "20 00 0000"},
		{"nil *TCPAddr is LOCAL", (*net.TCPAddr)(nil), dst4, sigHex + "20 00 0000"},
		{"no IP is LOCAL", &net.TCPAddr{Port: 1}, dst4, sigHex + "20 00 0000"},
		{"port out of range is LOCAL", &net.TCPAddr{IP: src4.IP, Port: 70000}, dst4, sigHex + "20 00 0000"},
	} {
		got := AppendV2([]byte("prefix"), tc.src, tc.dst)
		if want := append([]byte("prefix"), unhex(t, tc.want)...); !bytes.Equal(got, want) {
			t.Errorf("%s: AppendV2 = %x, want %x", tc.name, got, want)
		}
	}
}

func TestAppendV1(t *testing.T) {
	for _, tc := range []struct {
		name     string
		src, dst net.Addr
		want     string
	}{
		{"IPv4", src4, dst4, "PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\r\n"},
		{"IPv6", src6, dst6, "PROXY TCP6 2001:db8::1 2001:db8::2 56324 443\r\n"},
		// Section 2.1 writes IPv6 in hexadecimal groups only.
		{"IPv4 to IPv6, mapped", src4, dst6, "PROXY TCP6 ::ffff:c000:201 2001:db8::2 56324 443\r\n"},
		{"port zero", tcp("0.0.0.0:0"), tcp("255.255.255.255:65535"), "PROXY TCP4 0.0.0.0 255.255.255.255 0 65535\r\n"},
		{"UDP is UNKNOWN", &net.UDPAddr{IP: src4.IP, Port: 1}, dst4, "PROXY UNKNOWN\r\n"},
		{"nil is UNKNOWN", nil, dst4, "PROXY UNKNOWN\r\n"},
	} {
		if got := AppendV1(nil, tc.src, tc.dst); string(got) != tc.want {
			t.Errorf("%s: AppendV1 = %q, want %q", tc.name, got, tc.want)
		}
	}
}

// Each vector is followed by bytes that belong to the proxied stream;
// ReadHeader must leave them all in the reader.
func TestReadHeader(t *testing.T) {
	const after = "after the header"
	long6 := "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
	for _, tc := range []struct {
		name     string
		in       []byte
		version  int
		src, dst string // "" for none
	}{
		{"v1 TCP4", []byte("PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\r\n"), 1, "192.0.2.1:56324", "198.51.100.7:443"},
		{"v1 TCP6", []byte("PROXY TCP6 2001:db8::1 2001:DB8::2 56324 443\r\n"), 1, "[2001:db8::1]:56324", "[2001:db8::2]:443"},
		{"v1 TCP6 longest line (104 bytes)", []byte("PROXY TCP6 " + long6 + " " + long6 + " 65535 65535\r\n"), 1, "[" + long6 + "]:65535", "[" + long6 + "]:65535"},
		{"v1 TCP6 IPv4-mapped", []byte("PROXY TCP6 ::ffff:192.0.2.1 ::ffff:c633:6407 0 1\r\n"), 1, "192.0.2.1:0", "198.51.100.7:1"},
		{"v1 UNKNOWN", []byte("PROXY UNKNOWN\r\n"), 1, "", ""},
		{"v1 UNKNOWN longest line (107 bytes)", []byte("PROXY UNKNOWN " + long6 + " " + long6 + " 65535 65535\r\n"), 1, "", ""},
		{"v2 TCP4", unhex(t, sigHex+"21 11 000c c0000201 c6336407 dc04 01bb"), 2, "192.0.2.1:56324", "198.51.100.7:443"},
		{"v2 TCP6", unhex(t, sigHex+"21 21 0024 20010db8000000000000000000000001 20010db8000000000000000000000002 dc04 01bb"), 2, "[2001:db8::1]:56324", "[2001:db8::2]:443"},
		// PP2_TYPE_AUTHORITY "example.com", then an empty PP2_TYPE_NOOP.
		{"v2 TCP4 with TLVs", unhex(t, sigHex+"21 11 001d c0000201 c6336407 dc04 01bb 02 000b 6578616d706c652e636f6d 04 0000"), 2, "192.0.2.1:56324", "198.51.100.7:443"},
		// PP2_TYPE_UNIQUE_ID of 4 bytes.
		{"v2 TCP6 with a TLV", unhex(t, sigHex+"21 21 002b 20010db8000000000000000000000001 20010db8000000000000000000000002 dc04 01bb 05 0004 01020304"), 2, "[2001:db8::1]:56324", "[2001:db8::2]:443"},
		{"v2 LOCAL", unhex(t, sigHex+"20 00 0000"), 2, "", ""},
		// LOCAL ignores the block, family included, but skips its length.
		{"v2 LOCAL with addresses", unhex(t, sigHex+"20 11 000c c0000201 c6336407 dc04 01bb"), 2, "", ""},
		{"v2 PROXY UNSPEC", unhex(t, sigHex+"21 00 0000"), 2, "", ""},
		{"v2 PROXY UNSPEC with bytes", unhex(t, sigHex+"21 00 0003 010203"), 2, "", ""},
		// UDP and UNIX fall back to UNSPEC (section 2.2).
		{"v2 PROXY UDP4", unhex(t, sigHex+"21 12 000c c0000201 c6336407 dc04 01bb"), 2, "", ""},
		{"v2 PROXY UNIX stream", append(unhex(t, sigHex+"21 31 00d8"), make([]byte, 216)...), 2, "", ""},
	} {
		r := bufio.NewReader(io.MultiReader(bytes.NewReader(tc.in), strings.NewReader(after)))
		h, err := ReadHeader(r)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if h.Version != tc.version || addrString(h.Source) != tc.src || addrString(h.Destination) != tc.dst {
			t.Errorf("%s: v%d %q → %q, want v%d %q → %q", tc.name, h.Version, addrString(h.Source), addrString(h.Destination), tc.version, tc.src, tc.dst)
		}
		if rest, _ := io.ReadAll(r); string(rest) != after {
			t.Errorf("%s: left %q in the reader, want %q", tc.name, rest, after)
		}
	}
}

func addrString(a *net.TCPAddr) string {
	if a == nil {
		return ""
	}
	return a.String()
}

// Every refusal names the header, the field and what was wrong with it.
func TestReadHeaderRefusals(t *testing.T) {
	sig := unhex(t, sigHex)
	v2 := func(s string) []byte { return append(sig, unhex(t, s)...) }
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "PROXY header: EOF"},
		{"not a header", []byte("GET / HTTP/1.1\r\n"), "PROXY header: starts with byte 0x47, neither"},

		{"v1 bad prefix", []byte("PROXX TCP4"), `PROXY v1 header: starts with "PROXX", not "PROXY "`},
		{"v1 truncated", []byte("PROXY TCP4 1.2.3.4 5.6.7.8 1 2"), "PROXY v1 header: after 30 bytes: unexpected EOF"},
		{"v1 too long", []byte("PROXY UNKNOWN " + strings.Repeat("a", 100) + "\r\n"), "PROXY v1 header: no CRLF within 107 bytes"},
		{"v1 bare LF", []byte("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n"), "PROXY v1 header: line ends in a bare LF, not CRLF"},
		{"v1 protocol", []byte("PROXY TCP5 1.2.3.4 5.6.7.8 1 2\r\n"), `PROXY v1 header: protocol "TCP5" is not TCP4, TCP6 or UNKNOWN`},
		{"v1 lower-case protocol", []byte("PROXY tcp4 1.2.3.4 5.6.7.8 1 2\r\n"), `PROXY v1 header: protocol "tcp4" is not`},
		{"v1 UNKNOWN glued", []byte("PROXY UNKNOWNX\r\n"), `PROXY v1 header: protocol "UNKNOWNX" is not`},
		{"v1 missing field", []byte("PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n"), `PROXY v1 header: "PROXY TCP4 1.2.3.4 5.6.7.8 1" has 5 space-separated fields, want 6`},
		{"v1 double space", []byte("PROXY TCP4 1.2.3.4  5.6.7.8 1 2\r\n"), "has 7 space-separated fields, want 6"},
		{"v1 octet leading zero", []byte("PROXY TCP4 1.2.3.04 5.6.7.8 1 2\r\n"), `PROXY v1 header: bad source address: ParseAddr("1.2.3.04"): IPv4 field has octet with leading zero`},
		{"v1 octet over 255", []byte("PROXY TCP4 1.2.3.4 5.6.7.256 1 2\r\n"), `PROXY v1 header: bad destination address: ParseAddr("5.6.7.256"): IPv4 field has value >255`},
		{"v1 short IPv4", []byte("PROXY TCP4 1.2.3 5.6.7.8 1 2\r\n"), `PROXY v1 header: bad source address: ParseAddr("1.2.3"): IPv4 address too short`},
		{"v1 TCP4 with IPv6", []byte("PROXY TCP4 ::1 5.6.7.8 1 2\r\n"), `PROXY v1 header: source address "::1" is not IPv4, as TCP4 needs`},
		{"v1 TCP4 with mapped IPv6", []byte("PROXY TCP4 ::ffff:1.2.3.4 5.6.7.8 1 2\r\n"), `PROXY v1 header: source address "::ffff:1.2.3.4" is not IPv4, as TCP4 needs`},
		{"v1 TCP6 with IPv4", []byte("PROXY TCP6 ::1 5.6.7.8 1 2\r\n"), `PROXY v1 header: destination address "5.6.7.8" is not IPv6, as TCP6 needs`},
		{"v1 IPv6 zone", []byte("PROXY TCP6 fe80::1%eth0 ::1 1 2\r\n"), `PROXY v1 header: source address "fe80::1%eth0" has a zone`},
		{"v1 bad IPv6", []byte("PROXY TCP6 fe80::1::2 ::1 1 2\r\n"), `PROXY v1 header: bad source address: ParseAddr("fe80::1::2"): multiple ::`},
		{"v1 port leading zero", []byte("PROXY TCP4 1.2.3.4 5.6.7.8 080 2\r\n"), `PROXY v1 header: source port "080" has a leading zero`},
		{"v1 port over 65535", []byte("PROXY TCP4 1.2.3.4 5.6.7.8 1 65536\r\n"), `PROXY v1 header: destination port "65536" is above 65535`},
		{"v1 port too long", []byte("PROXY TCP4 1.2.3.4 5.6.7.8 100000 2\r\n"), `PROXY v1 header: source port "100000" has more than 5 digits`},
		{"v1 port sign", []byte("PROXY TCP4 1.2.3.4 5.6.7.8 +80 2\r\n"), `PROXY v1 header: source port "+80" is not a decimal number`},
		{"v1 port hex", []byte("PROXY TCP4 1.2.3.4 5.6.7.8 1 0x1\r\n"), `PROXY v1 header: destination port "0x1" has a leading zero`},
		{"v1 port letters", []byte("PROXY TCP4 1.2.3.4 5.6.7.8 1 http\r\n"), `PROXY v1 header: destination port "http" is not a decimal number`},
		{"v1 port empty", []byte("PROXY TCP4 1.2.3.4 5.6.7.8 1 \r\n"), `PROXY v1 header: destination port "" is empty`},

		{"v2 bad signature", []byte("\r\n\r\nX"), "PROXY v2 header: byte 4 is 0x58, not the signature's 0x00"},
		{"v2 truncated signature", []byte("\r\n\r\n"), "PROXY v2 header: at byte 4: unexpected EOF"},
		{"v2 truncated fixed part", append(sig, 0x21), "PROXY v2 header: at byte 12: unexpected EOF"},
		{"v2 version 1", v2("11 11 000c"), "PROXY v2 header: version 1, want 2"},
		{"v2 version 3", v2("31 11 000c"), "PROXY v2 header: version 3, want 2"},
		{"v2 command", v2("22 11 000c"), "PROXY v2 header: command 0x2 is neither LOCAL (0x0) nor PROXY (0x1)"},
		{"v2 family", v2("21 41 000c"), "PROXY v2 header: family and protocol byte 0x41 is not one the spec defines"},
		{"v2 protocol", v2("21 13 000c"), "PROXY v2 header: family and protocol byte 0x13 is not one the spec defines"},
		{"v2 AF_INET without protocol", v2("21 10 000c"), "PROXY v2 header: family and protocol byte 0x10 is not one the spec defines"},
		{"v2 length bound", v2("21 11 1001"), "PROXY v2 header: length 4097 is over the 4096-byte bound"},
		{"v2 TCP4 block short", v2("21 11 0008 c0000201 c6336407"), "PROXY v2 header: address block is 8 bytes, TCP4 needs 12"},
		{"v2 TCP6 block short", v2("21 21 000c c0000201 c6336407 dc04 01bb"), "PROXY v2 header: address block is 12 bytes, TCP6 needs 36"},
		{"v2 truncated addresses", v2("21 11 000c c0000201 c6"), "PROXY v2 header: at byte 16: unexpected EOF"},
		{"v2 TLV too short", v2("21 11 000e c0000201 c6336407 dc04 01bb 0400"), "PROXY v2 header: 2 bytes at offset 28 are too short for a TLV"},
		{"v2 TLV overrun", v2("21 11 0014 c0000201 c6336407 dc04 01bb 02 000a 6578616d70"), "PROXY v2 header: TLV type 0x02 at offset 28 declares 10 bytes, only 5 remain"},
		{"v2 truncated TLV", v2("21 11 0013 c0000201 c6336407 dc04 01bb 05 0004 0102"), "PROXY v2 header: 2 of 4 bytes to skip: unexpected EOF"},
		{"v2 truncated LOCAL block", v2("20 00 0005 0102"), "PROXY v2 header: 2 of 5 bytes to skip: unexpected EOF"},
	} {
		h, err := ReadHeader(bufio.NewReader(bytes.NewReader(tc.in)))
		if err == nil {
			t.Errorf("%s: accepted as %+v", tc.name, h)
		} else if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %q, want %q", tc.name, err, tc.want)
		}
	}
}

// What Append writes, ReadHeader reads back with the same addresses.
func TestHeaderRoundTrip(t *testing.T) {
	pairs := [][2]net.Addr{
		{src4, dst4},
		{src6, dst6},
		{src4, dst6},
		{tcp("0.0.0.0:0"), tcp("255.255.255.255:65535")},
		{tcp("[::]:0"), tcp("[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535")},
		{nil, nil},
	}
	for _, v := range []int{1, 2} {
		for _, p := range pairs {
			enc := AppendV2(nil, p[0], p[1])
			if v == 1 {
				enc = AppendV1(nil, p[0], p[1])
			}
			h, err := ReadHeader(bufio.NewReader(bytes.NewReader(enc)))
			if err != nil {
				t.Errorf("v%d %v → %v: %q does not read back: %v", v, p[0], p[1], enc, err)
				continue
			}
			if h.Version != v || !sameAddr(h.Source, p[0]) || !sameAddr(h.Destination, p[1]) {
				t.Errorf("v%d %v → %v: read back as v%d %v → %v", v, p[0], p[1], h.Version, h.Source, h.Destination)
			}
		}
	}
}

// sameAddr compares endpoints as a header carries them: IPv4 and
// IPv4-mapped IPv6 are the same address.
func sameAddr(got *net.TCPAddr, want net.Addr) bool {
	w, _ := want.(*net.TCPAddr)
	if got == nil || w == nil {
		return got == nil && w == nil
	}
	return got.IP.Equal(w.IP) && got.Port == w.Port
}

// A receiver whose client waits for it to speak first gets the header
// without ReadHeader waiting for bytes the client has not sent.
func TestReadHeaderDoesNotWaitForMore(t *testing.T) {
	for _, v := range []int{1, 2} {
		client, server := tcpPair(t)
		server.SetReadDeadline(time.Now().Add(30 * time.Second))
		h := AppendV2(nil, client.LocalAddr(), client.RemoteAddr())
		if v == 1 {
			h = AppendV1(nil, client.LocalAddr(), client.RemoteAddr())
		}
		if _, err := client.Write(h); err != nil {
			t.Fatal(err)
		}
		got, err := ReadHeader(bufio.NewReader(server))
		if err != nil {
			t.Fatalf("v%d: %v", v, err)
		}
		if got.Source.String() != client.LocalAddr().String() {
			t.Errorf("v%d: source %v, want %v", v, got.Source, client.LocalAddr())
		}
	}
}

// A backend behind the splice learns the client's address from the PROXY
// header written ahead of the spliced bytes, in either version.
func TestSpliceWithProxyHeader(t *testing.T) {
	for _, v := range []int{1, 2} {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			noLeaks(t)
			client, a := tcpPair(t)
			b, backend := tcpPair(t)
			client.SetDeadline(time.Now().Add(30 * time.Second))
			backend.SetDeadline(time.Now().Add(30 * time.Second))
			appendHeader := AppendV2
			if v == 1 {
				appendHeader = AppendV1
			}
			if _, err := b.Write(appendHeader(nil, a.RemoteAddr(), a.LocalAddr())); err != nil {
				t.Fatal(err)
			}
			wait := spliceConns(t, a, b, 30*time.Second)
			headers := make(chan *Header, 1)
			go func() {
				defer backend.Close()
				br := bufio.NewReader(backend)
				h, err := ReadHeader(br)
				headers <- h
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(backend, br) // echo, starting with what br buffered
			}()
			io.WriteString(client, "SELECT 1;\n")
			if line, _ := bufio.NewReader(client).ReadString('\n'); line != "SELECT 1;\n" {
				t.Errorf("echo = %q", line)
			}
			h := <-headers
			if h == nil {
				return
			}
			if h.Version != v || h.Source.String() != client.LocalAddr().String() || h.Destination.String() != client.RemoteAddr().String() {
				t.Errorf("backend read v%d %v → %v, want v%d %v → %v", h.Version, h.Source, h.Destination, v, client.LocalAddr(), client.RemoteAddr())
			}
			client.CloseWrite()
			wait()
		})
	}
}
