package notary

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Extract applies an RFC 6901 JSON pointer to a JSON body and returns the
// value it names, re-encoded compactly.
func Extract(body []byte, pointer string) (json.RawMessage, error) {
	var doc any
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.UseNumber()
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("response is not JSON, so pointer %q cannot apply: %w", pointer, err)
	}
	if pointer != "" && !strings.HasPrefix(pointer, "/") {
		return nil, fmt.Errorf("pointer %q must be empty or start with '/' (RFC 6901)", pointer)
	}
	cur := doc
	if pointer != "" {
		for i, tok := range strings.Split(pointer[1:], "/") {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			at := "/" + strings.Join(strings.Split(pointer[1:], "/")[:i+1], "/")
			switch v := cur.(type) {
			case map[string]any:
				next, ok := v[tok]
				if !ok {
					return nil, fmt.Errorf("pointer %q matches nothing: no member %q at %s", pointer, tok, at)
				}
				cur = next
			case []any:
				n, err := strconv.Atoi(tok)
				if err != nil || n < 0 || n >= len(v) || (len(tok) > 1 && tok[0] == '0') {
					return nil, fmt.Errorf("pointer %q matches nothing: %q is not an index of the %d-element array at %s", pointer, tok, len(v), at)
				}
				cur = v[n]
			default:
				return nil, fmt.Errorf("pointer %q matches nothing: %s is a scalar", pointer, at)
			}
		}
	}
	return json.Marshal(cur)
}
