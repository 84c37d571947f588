package notary

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxJSONDepth bounds nesting in a response; price APIs nest a few levels.
const maxJSONDepth = 1000

// Extract applies an RFC 6901 JSON pointer to a JSON body and returns the
// value it names, re-encoded compactly.
//
// It reads the body strictly, where RFC 8259 leaves room for two readings
// of one document: a member name that appears twice in any object of the
// document (§4: names SHOULD be unique, and parsers differ on which value
// wins), anything after the JSON value but white space, invalid UTF-8
// (§8.1), or nesting deeper than 1000 is refused. Extract does not look at
// headers; RecordResponse.Extract also requires a JSON Content-Type.
func Extract(body []byte, pointer string) (json.RawMessage, error) {
	if pointer != "" && !strings.HasPrefix(pointer, "/") {
		return nil, fmt.Errorf("pointer %q must be empty or start with '/' (RFC 6901)", pointer)
	}
	doc, err := parseStrict(body)
	if err != nil {
		return nil, fmt.Errorf("response is not JSON the notary reads, so pointer %q cannot apply: %w", pointer, err)
	}
	cur := doc
	if pointer != "" {
		toks := strings.Split(pointer[1:], "/")
		for i, tok := range toks {
			tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
			at := "/" + strings.Join(toks[:i+1], "/")
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

// parseStrict decodes one JSON document (numbers as json.Number), refusing
// duplicate member names, trailing data, invalid UTF-8 and deep nesting.
func parseStrict(body []byte) (any, error) {
	if !utf8.Valid(body) {
		return nil, errors.New("it is not valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	v, err := readValue(dec, "", 0)
	if errors.Is(err, io.EOF) {
		if len(bytes.TrimSpace(body)) == 0 {
			return nil, errors.New("it is empty")
		}
		return nil, errors.New("it ends inside its JSON value")
	}
	if err != nil {
		return nil, err
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("it has data after the JSON value, which ends at byte %d", end)
	}
	return v, nil
}

// readValue reads the value at pointer at, depth levels down.
func readValue(dec *json.Decoder, at string, depth int) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return tok, nil // string, json.Number, bool or nil
	}
	if depth >= maxJSONDepth {
		return nil, fmt.Errorf("it nests deeper than %d at %q", maxJSONDepth, at)
	}
	switch d {
	case '{':
		obj := map[string]any{}
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return nil, err
			}
			k, ok := kt.(string)
			if !ok {
				return nil, fmt.Errorf("object at %q has a member name that is not a string", at)
			}
			if _, dup := obj[k]; dup {
				return nil, fmt.Errorf("member %q appears twice in the object at %q, so its value is ambiguous", k, at)
			}
			if obj[k], err = readValue(dec, at+"/"+escapePointer(k), depth+1); err != nil {
				return nil, err
			}
		}
		if _, err := dec.Token(); err != nil { // '}'
			return nil, err
		}
		return obj, nil
	case '[':
		arr := []any{}
		for dec.More() {
			v, err := readValue(dec, at+"/"+strconv.Itoa(len(arr)), depth+1)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		if _, err := dec.Token(); err != nil { // ']'
			return nil, err
		}
		return arr, nil
	}
	return nil, fmt.Errorf("unexpected %q at %q", d, at)
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// Extract applies pointer to the response as Extract does, once the
// response says it is JSON: exactly one Content-Type, application/json or
// a +json type (RFC 6839), parameters allowed. A body served as anything
// else is refused even when it parses, since the source did not publish it
// as data.
func (r *RecordResponse) Extract(pointer string) (json.RawMessage, error) {
	cts := r.Headers["content-type"]
	if len(cts) != 1 {
		return nil, fmt.Errorf("response has %d Content-Type headers, want one saying JSON, so pointer %q is not applied", len(cts), pointer)
	}
	mt, _, err := mime.ParseMediaType(cts[0])
	if err != nil {
		return nil, fmt.Errorf("response Content-Type %q does not parse (%v), so pointer %q is not applied", cts[0], err, pointer)
	}
	if mt != "application/json" && !strings.HasSuffix(mt, "+json") {
		return nil, fmt.Errorf("response Content-Type %q is not JSON (application/json or a +json type), so pointer %q is not applied", cts[0], pointer)
	}
	return Extract(r.Body, pointer)
}
