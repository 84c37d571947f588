package jcs_test

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/devproof/devproof/internal/jcs"
)

func canon(t *testing.T, in string) string {
	t.Helper()
	out, err := jcs.Canonicalize([]byte(in))
	if err != nil {
		t.Fatalf("Canonicalize(%q): %v", in, err)
	}
	return string(out)
}

// The example of RFC 8785 §3.2.2: white space goes, literals stay, numbers
// and strings take their canonical form.
func TestRFC8785Example(t *testing.T) {
	in := `{
  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
  "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
  "literals": [null, true, false]
}`
	want := `{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`
	if got := canon(t, in); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// The sorting example of RFC 8785 §3.2.3: names compare as UTF-16 code
// units, so U+1F600 (a surrogate pair, 0xd83d 0xde00) sorts before U+FB33,
// though its UTF-8 bytes (f0 ...) sort after U+FB33's (ef ...).
func TestMemberOrder(t *testing.T) {
	in := `{
  "\u20ac": "Euro Sign",
  "\r": "Carriage Return",
  "\ufb33": "Hebrew Letter Dalet With Dagesh",
  "1": "One",
  "\ud83d\ude00": "Emoji: Grinning Face",
  "\u0080": "Control",
  "\u00f6": "Latin Small Letter O With Diaeresis"
}`
	want := "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"Latin Small Letter O With Diaeresis\"," +
		"\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}"
	if got := canon(t, in); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	for _, c := range []struct{ in, want string }{
		{`{"\ufb33":1,"😀":2}`, `{"😀":2,"` + "\ufb33" + `":1}`},
		{`{"\ud7ff":1,"😀":2}`, `{"` + "\ud7ff" + `":1,"😀":2}`},
		{`{"😁":1,"😀":2}`, `{"😀":2,"😁":1}`},
		{`{"ab":1,"a":2,"":3,"b":4}`, `{"":3,"a":2,"ab":1,"b":4}`},
		{`{"b":{"z":1,"y":[{"d":1,"c":2}]},"a":0}`, `{"a":0,"b":{"y":[{"c":2,"d":1}],"z":1}}`},
	} {
		if got := canon(t, c.in); got != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
}

// Numbers as ECMAScript's Number.prototype.toString writes them (RFC 8785
// §3.2.2.3), by IEEE 754 bit pattern; the patterns are those of RFC 8785
// Appendix B.
func TestNumberBits(t *testing.T) {
	for _, c := range []struct {
		bits uint64
		want string
	}{
		{0x0000000000000000, "0"},
		{0x8000000000000000, "0"},
		{0x0000000000000001, "5e-324"},
		{0x8000000000000001, "-5e-324"},
		{0x7fefffffffffffff, "1.7976931348623157e+308"},
		{0xffefffffffffffff, "-1.7976931348623157e+308"},
		{0x4340000000000000, "9007199254740992"},
		{0xc340000000000000, "-9007199254740992"},
		{0x4430000000000000, "295147905179352830000"},
		{0x44b52d02c7e14af5, "9.999999999999997e+22"},
		{0x44b52d02c7e14af6, "1e+23"},
		{0x44b52d02c7e14af7, "1.0000000000000001e+23"},
		{0x444b1ae4d6e2ef4e, "999999999999999700000"},
		{0x444b1ae4d6e2ef4f, "999999999999999900000"},
		{0x444b1ae4d6e2ef50, "1e+21"},
		{0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
		{0x3eb0c6f7a0b5ed8d, "0.000001"},
		{0x41b3de4355555553, "333333333.3333332"},
		{0x41b3de4355555554, "333333333.33333325"},
		{0x41b3de4355555555, "333333333.3333333"},
		{0x41b3de4355555556, "333333333.3333334"},
		{0x41b3de4355555557, "333333333.33333343"},
		{0xbecbf647612f3696, "-0.0000033333333333333333"},
		{0x43143ff3c1cb0959, "1424953923781206.2"},
	} {
		f := math.Float64frombits(c.bits)
		// 'g' with precision -1 round-trips, so the text names exactly f.
		in := strconv.FormatFloat(f, 'g', -1, 64)
		if got := canon(t, in); got != c.want {
			t.Errorf("%016x (%s): got %s, want %s", c.bits, in, got, c.want)
		}
	}
}

func TestNumberText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1e21", "1e+21"},
		{"1e20", "100000000000000000000"},
		{"1e-7", "1e-7"},
		{"1e-6", "0.000001"},
		{"0.000001", "0.000001"},
		{"123456789012345680000", "123456789012345680000"},
		{"5e-324", "5e-324"},
		{"-0", "0"},
		{"-0.0e5", "0"},
		{"9007199254740993", "9007199254740992"}, // rounded to the nearest double
		{"1e-400", "0"},                          // underflow rounds to zero, as in ECMAScript
		{"123e-20", "1.23e-18"},
		{"4.50", "4.5"},
		{"1E30", "1e+30"},
		{"2e-3", "0.002"},
		{"-1.5", "-1.5"},
		{"100", "100"},
		{"0.1", "0.1"},
		{"0.0123", "0.0123"},
	} {
		if got := canon(t, c.in); got != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
}

func TestAppendString(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a\"b\\c\n\x01é", `"a\"b\\c\n\u0001é"`},
		{"\b\t\n\f\r", `"\b\t\n\f\r"`},
		{"\x00\x0b\x1f", `"\u0000\u000b\u001f"`},
		{"<b>&amp;</b>", `"<b>&amp;</b>"`},
		{"\x7f\u2028\u2029€😀", "\"\x7f\u2028\u2029€😀\""},
		{"/", `"/"`},
		{"a\xffb", "\"a\uFFFDb\""},
		{"", `""`},
	} {
		if got := string(jcs.AppendString(nil, c.in)); got != c.want {
			t.Errorf("AppendString(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	if got := string(jcs.AppendString([]byte("x:"), "y")); got != `x:"y"` {
		t.Errorf("AppendString does not append: %s", got)
	}
}

func TestStringEscapes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`"\u0041\/\u00e9"`, `"A/é"`},
		{`"\ud83d\ude00"`, `"😀"`},
		{`"\u000A\u001F\u007f"`, "\"\\n\\u001f\x7f\""},
		{`"\u003cb\u003e\u0026"`, `"<b>&"`},
		{`"é"`, `"é"`},
	} {
		if got := canon(t, c.in); got != c.want {
			t.Errorf("%s: got %s, want %s", c.in, got, c.want)
		}
	}
}

func TestWhiteSpace(t *testing.T) {
	in := " \t\r\n{ \"a\" : [ 1 , true , null ] ,\n\"b\":{ } , \"c\" : [ ] } \n"
	if got, want := canon(t, in), `{"a":[1,true,null],"b":{},"c":[]}`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	for _, in := range []string{`"x"`, `17`, `true`, `null`, `[]`} {
		if got := canon(t, " "+in+" "); got != in {
			t.Errorf("top-level %s: got %s", in, got)
		}
	}
}

// Every refusal names what was wrong and where.
func TestRefusals(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`{"a":1,"a":2}`, `at byte 7: duplicate member name "a"`},
		{`{"a":1,"b":{"\u0061":2,"a":3}}`, `at byte 23: duplicate member name "a"`},
		{"\"a\xffb\"", "at byte 2: invalid UTF-8 in string"},
		{"{\"\xc0\xaf\":1}", "at byte 2: invalid UTF-8 in string"},
		{"\"\xed\xa0\x80\"", "at byte 1: invalid UTF-8 in string"}, // a surrogate encoded in UTF-8
		{`1e400`, "at byte 0: number 1e400 is not a finite IEEE 754 double"},
		{`[-1.8e308]`, "at byte 1: number -1.8e308 is not a finite IEEE 754 double"},
		{`{} x`, "at byte 3: trailing data after the JSON value"},
		{`1 2`, "at byte 2: trailing data after the JSON value"},
		{`"\ud800"`, `at byte 1: lone surrogate \ud800 in string`},
		{`"\udc00"`, `at byte 1: lone surrogate \udc00 in string`},
		{`"x\ud83d\u0041"`, `at byte 2: lone surrogate \ud83d in string`},
		{`"\ud83dx"`, `at byte 1: lone surrogate \ud83d in string`},
		{``, "at byte 0: unexpected end of input looking for a value"},
		{`{`, "at byte 1: unexpected end of input looking for a member name"},
		{`{"a" 1}`, `at byte 5: unexpected '1' after a member name`},
		{`[1,]`, "at byte 3: unexpected ']' looking for a value"},
		{`[1 2]`, "at byte 3: unexpected '2' after an array element"},
		{`{"a":1 "b":2}`, `at byte 7: unexpected '"' after an object member`},
		{`01`, "at byte 1: trailing data after the JSON value"},
		{`1.`, "at byte 2: unexpected end of input after a decimal point"},
		{`1e+`, "at byte 3: unexpected end of input in an exponent"},
		{`-`, "at byte 1: unexpected end of input in a number"},
		{`.5`, "at byte 0: unexpected '.' looking for a value"},
		{`+1`, "at byte 0: unexpected '+' looking for a value"},
		{`NaN`, "at byte 0: unexpected 'N' looking for a value"},
		{`tru`, "at byte 0: invalid literal, want true"},
		{"\"a\tb\"", `at byte 2: control character '\t' in string must be escaped`},
		{`"\q"`, `at byte 1: invalid escape \q in string`},
		{`"\u12g4"`, `at byte 1: \u escape needs four hex digits, not "12g4"`},
		{`"abc`, "at byte 0: string is not closed"},
		{"\xef\xbb\xbf{}", `at byte 0: unexpected byte 0xef looking for a value`},
		{strings.Repeat("[", 10001) + strings.Repeat("]", 10001), "at byte 10000: nesting deeper than 10000"},
	} {
		_, err := jcs.Canonicalize([]byte(c.in))
		if err == nil {
			t.Errorf("%.40q: accepted", c.in)
			continue
		}
		if want := "jcs: JSON text " + c.want; err.Error() != want {
			t.Errorf("%.40q:\n got  %v\n want %s", c.in, err, want)
		}
	}
	if _, err := jcs.Canonicalize([]byte(strings.Repeat("[", 10000) + strings.Repeat("]", 10000))); err != nil {
		t.Errorf("nesting of 10000: %v", err)
	}
}

func TestMarshal(t *testing.T) {
	type inner struct {
		Z float64 `json:"z"`
		A string  `json:"a"`
	}
	v := struct {
		Name  string            `json:"name"`
		Map   map[string]int    `json:"map"`
		In    inner             `json:"in"`
		Bytes []byte            `json:"bytes"`
		Raw   json.RawMessage   `json:"raw"`
		Empty map[string]string `json:"empty"`
	}{
		Name: "<b>&amp; café</b>", Map: map[string]int{"b": 2, "a": 1},
		In: inner{Z: 1e-7, A: "x"}, Bytes: []byte{0xff, 0xfe}, Raw: json.RawMessage(`{ "y" : 1.0, "x" : 2e21 }`),
	}
	got, err := jcs.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"bytes":"//4=","empty":null,"in":{"a":"x","z":1e-7},"map":{"a":1,"b":2},"name":"<b>&amp; café</b>","raw":{"x":2e+21,"y":1}}`
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if _, err := jcs.Marshal(math.Inf(1)); err == nil || !strings.HasPrefix(err.Error(), "jcs: encoding float64 as JSON: ") {
		t.Errorf("Marshal(+Inf): %v", err)
	}
	want = `jcs: JSON of json.RawMessage at byte 7: duplicate member name "a"`
	if _, err := jcs.Marshal(json.RawMessage(`{"a":1,"a":2}`)); err == nil || err.Error() != want {
		t.Errorf("Marshal(duplicate names): %v, want %s", err, want)
	}
}

// Canonicalize is idempotent, and its output means what its input meant to
// encoding/json (which keeps the last of duplicate names and replaces bad
// UTF-8, both of which Canonicalize refuses instead).
func FuzzCanonicalize(f *testing.F) {
	for _, s := range []string{
		`{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],"literals":[null,true,false]}`,
		`{"\u20ac":1,"\r":2,"\ufb33":3,"1":4,"\ud83d\ude00":5,"\u0080":6,"\u00f6":7}`,
		`"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/"`,
		`[-0, 5e-324, 1.7976931348623157e308, 9007199254740993, 1e21, 1e-7, 0.000001]`,
		` { "a" : [ ] , "b" : { } } `,
		`{"a":1,"a":2}`,
		`"\ud800"`,
		"\"\xff\"",
		`1e400`,
		`[1] x`,
		`{"a":{"b":{"c":[1,{"d":"<&>"}]}}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		out, err := jcs.Canonicalize(in)
		if err != nil {
			return
		}
		again, err := jcs.Canonicalize(out)
		if err != nil {
			t.Fatalf("canonical form %q is refused: %v", out, err)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("canonical form changes when canonicalized again:\n%q\n%q", out, again)
		}
		var a, b any
		if err := json.Unmarshal(in, &a); err != nil {
			t.Fatalf("encoding/json refuses accepted input %q: %v", in, err)
		}
		if err := json.Unmarshal(out, &b); err != nil {
			t.Fatalf("encoding/json refuses canonical form %q: %v", out, err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("canonical form %q means %v, input %q means %v", out, b, in, a)
		}
	})
}
