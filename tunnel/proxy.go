package tunnel

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strconv"
	"strings"
)

// Section numbers below are those of HAProxy's "The PROXY protocol"
// (proxy-protocol.txt), versions 1 and 2.

// v2Signature opens every v2 header (section 2.2).
const v2Signature = "\r\n\r\n\x00\r\nQUIT\n"

const (
	// v1MaxLen is the longest v1 line, CRLF included (section 2.1).
	v1MaxLen = 107
	// v2MaxLen bounds the bytes after a v2 header's first 16. The spec
	// keeps the whole header within one MSS (section 2.2); 4 KiB leaves
	// room for TLVs on any link.
	v2MaxLen = 4096
)

// Header is a decoded PROXY protocol header.
type Header struct {
	// Version is 1 (text) or 2 (binary).
	Version int
	// Source and Destination are the original connection's endpoints as
	// the sender saw them. Both are nil when it gave none: a v1 UNKNOWN or
	// v2 LOCAL header, or a v2 family other than TCP, whose addresses the
	// spec lets a receiver ignore. The receiver then uses the
	// connection's own addresses.
	Source, Destination *net.TCPAddr
}

// tcpEndpoints returns src and dst as address-port pairs when both are
// TCP addresses that a header can carry.
func tcpEndpoints(src, dst net.Addr) (s, d netip.AddrPort, ok bool) {
	conv := func(a net.Addr) (netip.AddrPort, bool) {
		t, ok := a.(*net.TCPAddr)
		if !ok || t == nil || t.Port < 0 || t.Port > 0xffff {
			return netip.AddrPort{}, false
		}
		ip, ok := netip.AddrFromSlice(t.IP)
		if !ok {
			return netip.AddrPort{}, false
		}
		// Zones are local to the sender and have no place in a header.
		return netip.AddrPortFrom(ip.Unmap().WithZone(""), uint16(t.Port)), true
	}
	s, sok := conv(src)
	d, dok := conv(dst)
	return s, d, sok && dok
}

// AppendV2 appends a v2 header (section 2.2) to b: the PROXY command with
// TCP over IPv4 when both addresses are IPv4, TCP over IPv6 otherwise; the
// LOCAL command, with no addresses, when either is not a TCP address.
func AppendV2(b []byte, src, dst net.Addr) []byte {
	b = append(b, v2Signature...)
	s, d, ok := tcpEndpoints(src, dst)
	switch {
	case !ok:
		return append(b, 0x20, 0x00, 0, 0)
	case s.Addr().Is4() && d.Addr().Is4():
		b = append(b, 0x21, 0x11, 0, 12)
		b = append(b, s.Addr().AsSlice()...)
		b = append(b, d.Addr().AsSlice()...)
	default:
		b = append(b, 0x21, 0x21, 0, 36)
		s16, d16 := s.Addr().As16(), d.Addr().As16()
		b = append(append(b, s16[:]...), d16[:]...)
	}
	b = binary.BigEndian.AppendUint16(b, s.Port())
	return binary.BigEndian.AppendUint16(b, d.Port())
}

// AppendV1 appends a v1 line (section 2.1) to b: "PROXY TCP4 ..." when both
// addresses are IPv4, "PROXY TCP6 ..." otherwise, and "PROXY UNKNOWN" when
// either is not a TCP address.
func AppendV1(b []byte, src, dst net.Addr) []byte {
	s, d, ok := tcpEndpoints(src, dst)
	switch {
	case !ok:
		return append(b, "PROXY UNKNOWN\r\n"...)
	case s.Addr().Is4() && d.Addr().Is4():
		b = append(b, "PROXY TCP4 "...)
		b = s.Addr().AppendTo(b)
		b = append(b, ' ')
		b = d.Addr().AppendTo(b)
	default:
		b = append(b, "PROXY TCP6 "...)
		b = appendV6(b, s.Addr())
		b = append(b, ' ')
		b = appendV6(b, d.Addr())
	}
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(s.Port()), 10)
	b = append(b, ' ')
	b = strconv.AppendUint(b, uint64(d.Port()), 10)
	return append(b, "\r\n"...)
}

// appendV6 writes a as IPv6 in hexadecimal groups only: section 2.1 allows
// no dotted IPv4 tail, which is how Go prints an IPv4-mapped address.
func appendV6(b []byte, a netip.Addr) []byte {
	if !a.Is4() {
		return a.AppendTo(b)
	}
	v4 := a.As4()
	return fmt.Appendf(b, "::ffff:%x:%x", uint16(v4[0])<<8|uint16(v4[1]), uint16(v4[2])<<8|uint16(v4[3]))
}

// ReadHeader reads one PROXY protocol header, v1 or v2, from r. It
// consumes exactly the header's bytes, so what follows stays in r for the
// caller. Anything that is not a complete, valid header is an error, after
// which the connection should be dropped: the spec forbids guessing
// whether a header is present (section 2).
func ReadHeader(r *bufio.Reader) (*Header, error) {
	first, err := r.Peek(1)
	if err != nil {
		return nil, fmt.Errorf("PROXY header: %w", err)
	}
	switch first[0] {
	case 'P':
		return readV1(r)
	case '\r':
		return readV2(r)
	}
	return nil, fmt.Errorf("PROXY header: starts with byte 0x%02x, neither \"PROXY\" (v1) nor the v2 signature", first[0])
}

// readV1 reads a v1 line byte by byte, so that nothing after its LF is
// consumed, and fails at the first byte that cannot belong to one.
func readV1(r *bufio.Reader) (*Header, error) {
	const prefix = "PROXY "
	line := make([]byte, 0, v1MaxLen)
	for {
		c, err := r.ReadByte()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, fmt.Errorf("PROXY v1 header: after %d bytes: %w", len(line), err)
		}
		line = append(line, c)
		if n := len(line); n <= len(prefix) && c != prefix[n-1] {
			return nil, fmt.Errorf("PROXY v1 header: starts with %q, not %q", line, prefix)
		}
		if c == '\n' {
			break
		}
		if len(line) == v1MaxLen {
			return nil, fmt.Errorf("PROXY v1 header: no CRLF within %d bytes", v1MaxLen)
		}
	}
	text, ok := strings.CutSuffix(string(line), "\r\n")
	if !ok {
		return nil, fmt.Errorf("PROXY v1 header: line ends in a bare LF, not CRLF")
	}
	fields := strings.Split(text, " ")
	h := &Header{Version: 1}
	switch fields[1] {
	case "UNKNOWN":
		// The receiver must ignore the rest of an UNKNOWN line (section 2.1).
		return h, nil
	case "TCP4", "TCP6":
	default:
		return nil, fmt.Errorf("PROXY v1 header: protocol %q is not TCP4, TCP6 or UNKNOWN", fields[1])
	}
	if len(fields) != 6 {
		return nil, fmt.Errorf("PROXY v1 header: %q has %d space-separated fields, want 6", text, len(fields))
	}
	var err error
	h.Source, err = v1Endpoint(fields[1], "source", fields[2], fields[4])
	if err != nil {
		return nil, err
	}
	h.Destination, err = v1Endpoint(fields[1], "destination", fields[3], fields[5])
	if err != nil {
		return nil, err
	}
	return h, nil
}

func v1Endpoint(proto, which, ip, port string) (*net.TCPAddr, error) {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return nil, fmt.Errorf("PROXY v1 header: bad %s address: %w", which, err)
	}
	switch {
	case a.Zone() != "":
		return nil, fmt.Errorf("PROXY v1 header: %s address %q has a zone", which, ip)
	case proto == "TCP4" && !a.Is4():
		return nil, fmt.Errorf("PROXY v1 header: %s address %q is not IPv4, as TCP4 needs", which, ip)
	case proto == "TCP6" && !a.Is6():
		return nil, fmt.Errorf("PROXY v1 header: %s address %q is not IPv6, as TCP6 needs", which, ip)
	}
	p, err := v1Port(port)
	if err != nil {
		return nil, fmt.Errorf("PROXY v1 header: %s port %q %w", which, port, err)
	}
	return &net.TCPAddr{IP: a.AsSlice(), Port: p}, nil
}

// v1Port parses a port strictly: decimal digits, 0 to 65535, no leading
// zero (section 2.1), and no sign, which strconv.Atoi would take.
func v1Port(s string) (int, error) {
	switch {
	case s == "":
		return 0, errors.New("is empty")
	case len(s) > 5:
		return 0, errors.New("has more than 5 digits")
	case len(s) > 1 && s[0] == '0':
		return 0, errors.New("has a leading zero")
	}
	n := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, errors.New("is not a decimal number")
		}
		n = n*10 + int(c-'0')
	}
	if n > 0xffff {
		return 0, errors.New("is above 65535")
	}
	return n, nil
}

// readV2 reads a v2 header (section 2.2). The signature is checked byte by
// byte, so that input which is not one fails without waiting for more.
func readV2(r *bufio.Reader) (*Header, error) {
	var fixed [16]byte
	for i := range len(v2Signature) {
		c, err := r.ReadByte()
		if err != nil {
			return nil, v2ReadError(i, err)
		}
		if c != v2Signature[i] {
			return nil, fmt.Errorf("PROXY v2 header: byte %d is 0x%02x, not the signature's 0x%02x", i, c, v2Signature[i])
		}
	}
	if _, err := io.ReadFull(r, fixed[12:]); err != nil {
		return nil, v2ReadError(12, err)
	}
	verCmd, fam, length := fixed[12], fixed[13], int(binary.BigEndian.Uint16(fixed[14:]))
	if v := verCmd >> 4; v != 2 {
		return nil, fmt.Errorf("PROXY v2 header: version %d, want 2", v)
	}
	if length > v2MaxLen {
		return nil, fmt.Errorf("PROXY v2 header: length %d is over the %d-byte bound", length, v2MaxLen)
	}
	h := &Header{Version: 2}
	var need int // address bytes this reader decodes
	switch cmd := verCmd & 0xf; {
	case cmd == 0x0:
		// LOCAL: the block, family included, is to be ignored.
		return h, v2Skip(r, length)
	case cmd != 0x1:
		return nil, fmt.Errorf("PROXY v2 header: command 0x%x is neither LOCAL (0x0) nor PROXY (0x1)", cmd)
	}
	switch fam {
	case 0x11:
		need = 12
	case 0x21:
		need = 36
	case 0x00, 0x12, 0x22, 0x31, 0x32:
		// UNSPEC, UDP and UNIX: a receiver that does not support them
		// falls back to UNSPEC and ignores the addresses (section 2.2).
		return h, v2Skip(r, length)
	default:
		return nil, fmt.Errorf("PROXY v2 header: family and protocol byte 0x%02x is not one the spec defines", fam)
	}
	if length < need {
		return nil, fmt.Errorf("PROXY v2 header: address block is %d bytes, %s needs %d", length, v2Family(fam), need)
	}
	var block [36]byte
	if _, err := io.ReadFull(r, block[:need]); err != nil {
		return nil, v2ReadError(16, err)
	}
	ipLen := (need - 4) / 2
	ports := block[2*ipLen:]
	h.Source = &net.TCPAddr{IP: bytes.Clone(block[:ipLen]), Port: int(binary.BigEndian.Uint16(ports))}
	h.Destination = &net.TCPAddr{IP: bytes.Clone(block[ipLen : 2*ipLen]), Port: int(binary.BigEndian.Uint16(ports[2:]))}
	if err := v2TLVs(r, need, length); err != nil {
		return nil, err
	}
	return h, nil
}

func v2Family(fam byte) string {
	if fam == 0x11 {
		return "TCP4"
	}
	return "TCP6"
}

// v2TLVs reads and checks the framing of the TLVs that fill the block
// from offset off to length (section 2.2), skipping their values: a TLV
// that runs past the declared length means the sender and this reader
// disagree about where the header ends.
func v2TLVs(r *bufio.Reader, off, length int) error {
	for off < length {
		if length-off < 3 {
			return fmt.Errorf("PROXY v2 header: %d bytes at offset %d are too short for a TLV", length-off, 16+off)
		}
		var tl [3]byte
		if _, err := io.ReadFull(r, tl[:]); err != nil {
			return v2ReadError(16+off, err)
		}
		n := int(binary.BigEndian.Uint16(tl[1:]))
		if off+3+n > length {
			return fmt.Errorf("PROXY v2 header: TLV type 0x%02x at offset %d declares %d bytes, only %d remain", tl[0], 16+off, n, length-off-3)
		}
		if err := v2Skip(r, n); err != nil {
			return err
		}
		off += 3 + n
	}
	return nil
}

func v2Skip(r *bufio.Reader, n int) error {
	if got, err := r.Discard(n); err != nil {
		return fmt.Errorf("PROXY v2 header: %d of %d bytes to skip: %w", got, n, unexpectedEOF(err))
	}
	return nil
}

func v2ReadError(at int, err error) error {
	return fmt.Errorf("PROXY v2 header: at byte %d: %w", at, unexpectedEOF(err))
}

// unexpectedEOF reports an EOF inside a header as the truncation it is.
func unexpectedEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}
