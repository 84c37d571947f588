package notary

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// MaxDecimalDigits bounds the digits of a decimal: 78 hold any uint256.
const MaxDecimalDigits = 78

// decimalGrammar is the one way a decimal is written.
const decimalGrammar = `-?(0|[1-9][0-9]*)(\.[0-9]+)?`

// ParseDecimal reads a decimal written in the one grammar market
// thresholds use,
//
//	-?(0|[1-9][0-9]*)(\.[0-9]+)?
//
// with at most MaxDecimalDigits digits, exactly. Nothing else is a
// decimal: no "+", no exponent, no fraction such as "1/3", no leading zero
// ("0100000"), no ".5" or "5.", no spaces. A threshold is part of a
// market's terms, so each number has one spelling a reader cannot misread.
func ParseDecimal(s string) (*big.Rat, error) {
	if err := checkDecimal(s); err != nil {
		return nil, fmt.Errorf("decimal %s %w", quoteShort(s), err)
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return nil, fmt.Errorf("decimal %s does not parse", quoteShort(s))
	}
	return r, nil
}

func checkDecimal(s string) error {
	if s == "" {
		return errors.New("is empty")
	}
	// A sign, the digits and a point: anything longer has too many digits.
	if len(s) > MaxDecimalDigits+2 {
		return fmt.Errorf("is %d bytes, more than a decimal of %d digits", len(s), MaxDecimalDigits)
	}
	i := 0
	if s[0] == '-' {
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	digits := i - start
	switch {
	case digits == 0:
		return fmt.Errorf("has no digit at byte %d (grammar %s)", start, decimalGrammar)
	case digits > 1 && s[start] == '0':
		return fmt.Errorf("has a leading zero (grammar %s)", decimalGrammar)
	}
	if i < len(s) && s[i] == '.' {
		i++
		frac := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if i == frac {
			return fmt.Errorf("has no digit after its point (grammar %s)", decimalGrammar)
		}
		digits += i - frac
	}
	if i < len(s) {
		return fmt.Errorf("has %q at byte %d (grammar %s)", s[i], i, decimalGrammar)
	}
	if digits > MaxDecimalDigits {
		return fmt.Errorf("has %d digits, more than %d", digits, MaxDecimalDigits)
	}
	return nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// quoteShort quotes s for an error, cut short when long.
func quoteShort(s string) string {
	if len(s) > 90 {
		return strconv.Quote(s[:90]) + "…"
	}
	return strconv.Quote(s)
}

// maxExponent bounds a JSON number's exponent, so that converting it costs
// little; any value it lets through must still fit MaxDecimalDigits.
const maxExponent = 999

// ParseJSONDecimal reads a value extracted from a source (Extract) as a
// decimal. It takes
//
//   - a JSON string holding a decimal in ParseDecimal's grammar
//     ("101234.50"), as many price APIs send them;
//   - a JSON number in that grammar (101234.5);
//   - a JSON number with an exponent (1.5e3, 1E-7), as JavaScript writes
//     very small and very large numbers: converted exactly, never rounded,
//     with an exponent of at most three digits, and only if the value
//     written out in the grammar has at most MaxDecimalDigits digits.
//
// Anything else is refused: true, null, objects, arrays, an exponent or a
// "+" inside a string, more digits.
func ParseJSONDecimal(raw json.RawMessage) (*big.Rat, error) {
	v, err := parseJSONDecimal(strings.Trim(string(raw), " \t\r\n"))
	if err != nil {
		return nil, fmt.Errorf("value %s is not a decimal: %w", quoteShort(string(raw)), err)
	}
	return v, nil
}

func parseJSONDecimal(s string) (*big.Rat, error) {
	if strings.HasPrefix(s, `"`) {
		var str string
		if err := json.Unmarshal([]byte(s), &str); err != nil {
			return nil, err
		}
		return ParseDecimal(str)
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	if !hasExp {
		return ParseDecimal(s)
	}
	m, err := ParseDecimal(mant)
	if err != nil {
		return nil, err
	}
	digits := strings.TrimLeft(exp, "+-")
	if len(exp)-len(digits) > 1 || digits == "" || len(digits) > len(strconv.Itoa(maxExponent)) || strings.Trim(digits, "0123456789") != "" {
		return nil, fmt.Errorf("exponent %q is not [+-]?[0-9]{1,3}", exp)
	}
	e, _ := strconv.Atoi(exp)
	scale := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(e))), nil))
	if e >= 0 {
		m.Mul(m, scale)
	} else {
		m.Quo(m, scale)
	}
	// Written out, the value must be a decimal like any other.
	_, frac, _ := strings.Cut(mant, ".")
	plain := m.FloatString(max(0, len(frac)-e))
	if strings.Contains(plain, ".") {
		plain = strings.TrimRight(strings.TrimRight(plain, "0"), ".")
	}
	if err := checkDecimal(plain); err != nil {
		return nil, fmt.Errorf("written out, %s %w", quoteShort(plain), err)
	}
	return m, nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// comparisons are the comparators a market may name.
var comparisons = map[string]func(cmp int) bool{
	">": func(c int) bool { return c > 0 }, ">=": func(c int) bool { return c >= 0 },
	"<": func(c int) bool { return c < 0 }, "<=": func(c int) bool { return c <= 0 },
	"==": func(c int) bool { return c == 0 }, "!=": func(c int) bool { return c != 0 },
}

// Comparison is a market's condition on the value its source reports:
// value <comparator> threshold.
type Comparison struct {
	comparator string
	threshold  *big.Rat
	holds      func(int) bool
}

// ParseComparison checks a market's comparator (> >= < <= == !=) and
// threshold (ParseDecimal's grammar). Its errors are about the market's
// terms, so a resolution can refuse them before fetching anything.
func ParseComparison(comparator, threshold string) (*Comparison, error) {
	holds, ok := comparisons[comparator]
	if !ok {
		return nil, fmt.Errorf("comparator %s is not one of > >= < <= == !=", quoteShort(comparator))
	}
	t, err := ParseDecimal(threshold)
	if err != nil {
		return nil, fmt.Errorf("threshold: %w", err)
	}
	return &Comparison{comparator: comparator, threshold: t, holds: holds}, nil
}

// Holds reports whether the extracted value (ParseJSONDecimal) meets the
// comparison. Its errors are about the value.
func (c *Comparison) Holds(value json.RawMessage) (bool, error) {
	v, err := ParseJSONDecimal(value)
	if err != nil {
		return false, err
	}
	return c.holds(v.Cmp(c.threshold)), nil
}

// Compare is ParseComparison(comparator, threshold), then Holds(value).
func Compare(value json.RawMessage, comparator, threshold string) (bool, error) {
	c, err := ParseComparison(comparator, threshold)
	if err != nil {
		return false, err
	}
	return c.Holds(value)
}
