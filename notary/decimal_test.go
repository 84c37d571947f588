package notary

import (
	"encoding/json"
	"math/big"
	"regexp"
	"strings"
	"testing"
)

func TestParseDecimal(t *testing.T) {
	long := "1" + strings.Repeat("0", MaxDecimalDigits-1)
	for _, s := range []string{"0", "-0", "7", "100000", "101234.5", "-3.25", "0.000001", long, "0." + strings.Repeat("1", MaxDecimalDigits-1)} {
		r, err := ParseDecimal(s)
		want, _ := new(big.Rat).SetString(s)
		if err != nil || r.Cmp(want) != 0 {
			t.Errorf("ParseDecimal(%q) = %v, %v", s, r, err)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"", "is empty"},
		{"1/3", `has '/' at byte 1`},
		{"0100000", "has a leading zero"},
		{"00", "has a leading zero"},
		{"1e5", `has 'e' at byte 1`},
		{"1E5", `has 'E' at byte 1`},
		{"+5", "has no digit at byte 0"},
		{"-", "has no digit at byte 1"},
		{" 5", "has no digit at byte 0"},
		{"5 ", `has ' ' at byte 1`},
		{".5", "has no digit at byte 0"},
		{"5.", "has no digit after its point"},
		{"1.2.3", `has '.' at byte 3`},
		{"0x10", `has 'x' at byte 1`},
		{"Infinity", "has no digit at byte 0"},
		{"NaN", "has no digit at byte 0"},
		{"1_000", `has '_' at byte 1`},
		{"１", "has no digit at byte 0"},
		{long + "0", "has 79 digits, more than 78"},
		{long + "000", "is 81 bytes, more than a decimal of 78 digits"},
		{strings.Repeat("9", 1000), `decimal "9999`},
	} {
		_, err := ParseDecimal(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseDecimal(%q) = %v, want an error with %q", tc.in, err, tc.want)
		}
	}
	if _, err := ParseDecimal(strings.Repeat("9", 1000)); len(err.Error()) > 300 {
		t.Errorf("the error quotes the whole input: %d bytes", len(err.Error()))
	}
}

func TestParseJSONDecimal(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`101234.5`, "101234.5"},
		{`"101234.50"`, "101234.5"},
		{`-7`, "-7"},
		{` 3 `, "3"},
		{`1e5`, "100000"},
		{`1.5E+3`, "1500"},
		{`1.5e-7`, "0.00000015"},
		{`-2.50e1`, "-25"},
		{`0e999`, "0"},
		{`1e077`, "1" + strings.Repeat("0", 77)},
		{`1e-77`, "0." + strings.Repeat("0", 76) + "1"},
	} {
		got, err := ParseJSONDecimal(json.RawMessage(tc.in))
		want, _ := new(big.Rat).SetString(tc.want)
		if err != nil || got.Cmp(want) != 0 {
			t.Errorf("ParseJSONDecimal(%s) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{`true`, "has no digit"},
		{`null`, "has no digit"},
		{`{"price":1}`, "has no digit"},
		{`[1]`, "has no digit"},
		{`"1e5"`, `has 'e' at byte 1`},
		{`"+5"`, "has no digit at byte 0"},
		{`"0100"`, "has a leading zero"},
		{`" 5"`, "has no digit at byte 0"},
		{`"5`, "unexpected end of JSON input"},
		{`1e1000`, `exponent "1000" is not`},
		{`1e`, `exponent "" is not`},
		{`1e+-5`, `exponent "+-5" is not`},
		{`1e78`, "written out, \"1" + strings.Repeat("0", 78) + "\" has 79 digits"},
		{`1e-78`, "has 79 digits"},
		{`01e5`, "has a leading zero"},
		{`1.e5`, "has no digit after its point"},
	} {
		_, err := ParseJSONDecimal(json.RawMessage(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "value ") {
			t.Errorf("ParseJSONDecimal(%s) = %v, want an error naming the value with %q", tc.in, err, tc.want)
		}
	}
}

func TestCompare(t *testing.T) {
	for _, tc := range []struct {
		value, cmp, threshold string
		want                  bool
	}{
		{`101234.5`, ">=", "100000", true},
		{`101234.5`, "<", "100000", false},
		{`"100000.00"`, "==", "100000", true},
		{`1e5`, "==", "100000", true},
		{`99999.999999999999999999`, ">=", "100000", false},
		{`100000.000000000000000001`, ">", "100000", true},
		{`-1`, "<=", "-1", true},
		{`2`, "!=", "2.0", false},
	} {
		got, err := Compare(json.RawMessage(tc.value), tc.cmp, tc.threshold)
		if err != nil || got != tc.want {
			t.Errorf("%s %s %s = %v, %v; want %v", tc.value, tc.cmp, tc.threshold, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ value, cmp, threshold, want string }{
		{`1`, "~", "1", `comparator "~" is not one of`},
		{`1`, "=>", "1", `comparator "=>" is not one of`},
		{`1`, ">", "1/3", `threshold: decimal "1/3" has '/' at byte 1`},
		{`1`, ">", "1e5", `threshold: decimal "1e5" has 'e'`},
		{`1`, ">", "0100000", `threshold: decimal "0100000" has a leading zero`},
		{`"abc"`, ">", "1", `value "\"abc\"" is not a decimal`},
	} {
		_, err := Compare(json.RawMessage(tc.value), tc.cmp, tc.threshold)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Compare(%s, %q, %q) = %v, want %q", tc.value, tc.cmp, tc.threshold, err, tc.want)
		}
	}
	// Terms are checked apart from the value, so a resolution can tell
	// bad terms from a bad source.
	c, err := ParseComparison(">=", "100000")
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := c.Holds(json.RawMessage(`"101234.5"`)); err != nil || !ok {
		t.Errorf("Holds: %v %v", ok, err)
	}
}

// ParseDecimal accepts exactly the grammar, and what it accepts has the
// value big.Rat reads from the same text.
func FuzzParseDecimal(f *testing.F) {
	grammar := regexp.MustCompile(`^` + decimalGrammar + `$`)
	for _, s := range []string{"0", "-0", "101234.5", "0100", "1/3", "1e5", "+1", ".5", "5.", " 1", "-", "", "0.0", "9" + strings.Repeat("0", 80)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseDecimal(s)
		digits := strings.Count(s, "") - 1 - strings.Count(s, "-") - strings.Count(s, ".")
		if want := grammar.MatchString(s) && digits <= MaxDecimalDigits; want != (err == nil) {
			t.Fatalf("ParseDecimal(%q): %v; the grammar says %v", s, err, want)
		}
		if err != nil {
			return
		}
		if want, _ := new(big.Rat).SetString(s); r.Cmp(want) != 0 {
			t.Fatalf("ParseDecimal(%q) = %s", s, r)
		}
	})
}

// A JSON value ParseJSONDecimal accepts is a JSON value, and it reads the
// same value encoding/json's float would, within float precision.
func FuzzParseJSONDecimal(f *testing.F) {
	for _, s := range []string{`1`, `"1.5"`, `1e5`, `1.5e-7`, `-0e0`, `1e999`, `"1e5"`, `true`, `1E+02`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseJSONDecimal(json.RawMessage(s))
		if err != nil {
			return
		}
		if !json.Valid([]byte(s)) {
			t.Fatalf("ParseJSONDecimal(%q) = %s, but it is not JSON", s, r)
		}
		if strings.Trim(s, " \t\r\n")[0] == '"' {
			return
		}
		var fl float64
		if err := json.Unmarshal([]byte(s), &fl); err != nil {
			t.Fatalf("ParseJSONDecimal(%q) = %s, encoding/json: %v", s, r, err)
		}
		got, _ := r.Float64()
		if diff := got - fl; diff > 1e-9*max(1, fl, -fl) || -diff > 1e-9*max(1, fl, -fl) {
			t.Fatalf("ParseJSONDecimal(%q) = %v, float %v", s, got, fl)
		}
	})
}
