package jcs

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds nesting, as encoding/json does, so that hostile input
// cannot exhaust the stack.
const maxDepth = 10000

// Canonicalize parses the JSON text data and returns its RFC 8785
// canonical form: no white space, object members sorted by their names as
// UTF-16 code units, strings and numbers written as §3.2.2 says.
//
// It refuses what RFC 8785 leaves without a canonical form: duplicate
// member names, strings that are not valid UTF-8 or hold a lone surrogate
// (from a \u escape), and numbers beyond the range of an IEEE 754 double.
// It also refuses anything that is not exactly one JSON value with
// optional white space around it. Numbers are rounded to the nearest
// double, so 9007199254740993 becomes 9007199254740992.
func Canonicalize(data []byte) ([]byte, error) {
	out, err := canonicalize(data)
	if err != nil {
		return nil, fmt.Errorf("jcs: JSON text %w", err)
	}
	return out, nil
}

// Marshal is the canonical form of v's JSON as encoding/json writes it.
func Marshal(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("jcs: encoding %T as JSON: %w", v, err)
	}
	out, err := canonicalize(b)
	if err != nil {
		return nil, fmt.Errorf("jcs: JSON of %T %w", v, err)
	}
	return out, nil
}

// syntaxError is a refusal at a byte offset of the input.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("at byte %d: %s", e.off, e.msg) }

func canonicalize(data []byte) ([]byte, error) {
	p := &parser{data: data}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i < len(p.data) {
		return nil, p.fail("trailing data after the JSON value")
	}
	return v.append(make([]byte, 0, len(data))), nil
}

// node is a parsed value. Leaves hold their canonical text already; objects
// and arrays are written once their members are sorted.
type node struct {
	leaf    []byte
	object  bool
	members []member
	elems   []*node
}

type member struct {
	name  string
	value *node
	off   int // where the name starts, for errors
}

func (n *node) append(dst []byte) []byte {
	switch {
	case n.object:
		dst = append(dst, '{')
		for i, m := range n.members {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendString(dst, m.name)
			dst = append(dst, ':')
			dst = m.value.append(dst)
		}
		return append(dst, '}')
	case n.elems != nil:
		dst = append(dst, '[')
		for i, e := range n.elems {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = e.append(dst)
		}
		return append(dst, ']')
	}
	return append(dst, n.leaf...)
}

type parser struct {
	data []byte
	i    int
}

func (p *parser) fail(format string, args ...any) error {
	return &syntaxError{off: p.i, msg: fmt.Sprintf(format, args...)}
}

// unexpected describes the byte at p.i, or the end of the input.
func (p *parser) unexpected(context string) error {
	if p.i >= len(p.data) {
		return p.fail("unexpected end of input %s", context)
	}
	if c := p.data[p.i]; c >= utf8.RuneSelf {
		return p.fail("unexpected byte 0x%02x %s", c, context)
	}
	return p.fail("unexpected %q %s", p.data[p.i], context)
}

// space skips JSON white space (RFC 8259 §2).
func (p *parser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (*node, error) {
	if p.i >= len(p.data) {
		return nil, p.unexpected("looking for a value")
	}
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object(depth + 1)
	case c == '[':
		return p.array(depth + 1)
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		return &node{leaf: AppendString(nil, s)}, nil
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	case c == 't':
		return p.literal("true")
	case c == 'f':
		return p.literal("false")
	case c == 'n':
		return p.literal("null")
	}
	return nil, p.unexpected("looking for a value")
}

func (p *parser) literal(word string) (*node, error) {
	end := p.i + len(word)
	if end > len(p.data) || string(p.data[p.i:end]) != word {
		return nil, p.fail("invalid literal, want %s", word)
	}
	p.i = end
	return &node{leaf: []byte(word)}, nil
}

func (p *parser) object(depth int) (*node, error) {
	if depth > maxDepth {
		return nil, p.fail("nesting deeper than %d", maxDepth)
	}
	p.i++ // '{'
	n := &node{object: true}
	p.space()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		return n, nil
	}
	for {
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return nil, p.unexpected("looking for a member name")
		}
		off := p.i
		name, err := p.string()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return nil, p.unexpected("after a member name")
		}
		p.i++
		p.space()
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		n.members = append(n.members, member{name: name, value: v, off: off})
		p.space()
		if p.i < len(p.data) && p.data[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.data) && p.data[p.i] == '}' {
			p.i++
			break
		}
		return nil, p.unexpected("after an object member")
	}
	// Stable, so that of two equal names the later one is reported.
	slices.SortStableFunc(n.members, func(a, b member) int { return compareUTF16(a.name, b.name) })
	for i := 1; i < len(n.members); i++ {
		if n.members[i].name == n.members[i-1].name {
			return nil, &syntaxError{off: n.members[i].off, msg: fmt.Sprintf("duplicate member name %q", n.members[i].name)}
		}
	}
	return n, nil
}

func (p *parser) array(depth int) (*node, error) {
	if depth > maxDepth {
		return nil, p.fail("nesting deeper than %d", maxDepth)
	}
	p.i++ // '['
	n := &node{elems: []*node{}}
	p.space()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		return n, nil
	}
	for {
		p.space()
		v, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		n.elems = append(n.elems, v)
		p.space()
		if p.i < len(p.data) && p.data[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.data) && p.data[p.i] == ']' {
			p.i++
			return n, nil
		}
		return nil, p.unexpected("after an array element")
	}
}

// string decodes the JSON string at p.i.
func (p *parser) string() (string, error) {
	start := p.i
	p.i++ // '"'
	var b []byte
	lit := p.i // p.data[lit:p.i] is pending, to be copied as it is
	for {
		if p.i >= len(p.data) {
			p.i = start
			return "", p.fail("string is not closed")
		}
		c := p.data[p.i]
		switch {
		case c == '"':
			b = append(b, p.data[lit:p.i]...)
			p.i++
			return string(b), nil
		case c < 0x20:
			return "", p.fail("control character %q in string must be escaped", c)
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(p.data[p.i:])
			if r == utf8.RuneError && n == 1 {
				return "", p.fail("invalid UTF-8 in string")
			}
			p.i += n
		case c != '\\':
			p.i++
		default:
			b = append(b, p.data[lit:p.i]...)
			r, err := p.escape()
			if err != nil {
				return "", err
			}
			b = utf8.AppendRune(b, r)
			lit = p.i
		}
	}
}

// escape decodes the escape at p.i, joining a UTF-16 surrogate pair.
func (p *parser) escape() (rune, error) {
	if p.i+1 >= len(p.data) {
		return 0, p.fail("string is not closed")
	}
	switch c := p.data[p.i+1]; c {
	case '"', '\\', '/':
		p.i += 2
		return rune(c), nil
	case 'b':
		p.i += 2
		return '\b', nil
	case 'f':
		p.i += 2
		return '\f', nil
	case 'n':
		p.i += 2
		return '\n', nil
	case 'r':
		p.i += 2
		return '\r', nil
	case 't':
		p.i += 2
		return '\t', nil
	case 'u':
	default:
		return 0, p.fail("invalid escape \\%c in string", c)
	}
	at := p.i
	r, err := p.hex4()
	if err != nil {
		return 0, err
	}
	switch {
	case utf16.IsSurrogate(r) && r >= 0xdc00:
		p.i = at
		return 0, p.fail("lone surrogate \\u%04x in string", r)
	case utf16.IsSurrogate(r):
		if p.i+1 < len(p.data) && p.data[p.i] == '\\' && p.data[p.i+1] == 'u' {
			lo, err := p.hex4()
			if err != nil {
				return 0, err
			}
			if pair := utf16.DecodeRune(r, lo); pair != utf8.RuneError {
				return pair, nil
			}
		}
		p.i = at
		return 0, p.fail("lone surrogate \\u%04x in string", r)
	}
	return r, nil
}

// hex4 reads \uXXXX at p.i.
func (p *parser) hex4() (rune, error) {
	if p.i+6 > len(p.data) {
		return 0, p.fail("\\u escape needs four hex digits")
	}
	v, err := strconv.ParseUint(string(p.data[p.i+2:p.i+6]), 16, 16)
	if err != nil {
		return 0, p.fail("\\u escape needs four hex digits, not %q", p.data[p.i+2:p.i+6])
	}
	p.i += 6
	return rune(v), nil
}

// number checks the RFC 8259 number grammar at p.i, which strconv does not
// (it takes hex, underscores and "Inf"), then rounds to a double.
func (p *parser) number() (*node, error) {
	start := p.i
	d := p.data
	if p.i < len(d) && d[p.i] == '-' {
		p.i++
	}
	switch {
	case p.i < len(d) && d[p.i] == '0':
		p.i++
	case p.i < len(d) && '1' <= d[p.i] && d[p.i] <= '9':
		p.digits()
	default:
		return nil, p.unexpected("in a number")
	}
	if p.i < len(d) && d[p.i] == '.' {
		p.i++
		if p.digits() == 0 {
			return nil, p.unexpected("after a decimal point")
		}
	}
	if p.i < len(d) && (d[p.i] == 'e' || d[p.i] == 'E') {
		p.i++
		if p.i < len(d) && (d[p.i] == '+' || d[p.i] == '-') {
			p.i++
		}
		if p.digits() == 0 {
			return nil, p.unexpected("in an exponent")
		}
	}
	text := string(d[start:p.i])
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || !finite(f) {
		p.i = start
		return nil, p.fail("number %s is not a finite IEEE 754 double", text)
	}
	return &node{leaf: appendNumber(nil, f)}, nil
}

func (p *parser) digits() int {
	n := 0
	for p.i < len(p.data) && '0' <= p.data[p.i] && p.data[p.i] <= '9' {
		p.i++
		n++
	}
	return n
}

// compareUTF16 orders strings by their UTF-16 code units (RFC 8785
// §3.2.3), which differs from UTF-8 byte order once a name mixes characters
// above U+FFFF with ones from U+E000 to U+FFFF.
func compareUTF16(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return cmpUnit(ra, rb)
		}
		a, b = a[na:], b[nb:]
	}
	return len(a) - len(b)
}

// cmpUnit compares two different runes, neither a surrogate, by their
// first UTF-16 code units; only a rune above U+FFFF against one in the BMP
// can order differently from code points.
func cmpUnit(a, b rune) int {
	const hi = 0xd800 // every high surrogate sits between this and 0xdbff
	switch {
	case a > 0xffff && b <= 0xffff:
		if b < hi {
			return 1
		}
		return -1
	case b > 0xffff && a <= 0xffff:
		if a < hi {
			return -1
		}
		return 1
	case a < b:
		return -1
	}
	return 1
}
