package compose

import "strings"

// varRef is a variable docker compose substitutes from its own
// environment: $NAME or ${NAME}, with op one of "", ":-", "-", ":?", "?",
// ":+", "+" as in the Compose specification's interpolation section.
type varRef struct {
	name, op string
}

// fallback reports whether compose writes a default when the variable is
// unset, so the reference never comes out empty by surprise.
func (r varRef) fallback() bool { return r.op == ":-" || r.op == "-" }

// required reports whether compose refuses to start when it is unset.
func (r varRef) required() bool { return r.op == ":?" || r.op == "?" }

// varRefs finds the references in s; "$$" is a literal "$" and nested
// references in a default are found too.
func varRefs(s string) []varRef {
	var refs []varRef
	for i := 0; i+1 < len(s); i++ {
		if s[i] != '$' {
			continue
		}
		switch c := s[i+1]; {
		case c == '$':
			i++
		case c == '{':
			start := i + 2
			end := start
			for end < len(s) && isNameByte(s[end], end == start) {
				end++
			}
			if end == start {
				continue
			}
			depth, stop := 1, end
			for ; stop < len(s); stop++ {
				if s[stop] == '{' {
					depth++
				} else if s[stop] == '}' {
					if depth--; depth == 0 {
						break
					}
				}
			}
			rest := s[end:min(stop, len(s))]
			r := varRef{name: s[start:end]}
			for _, op := range []string{":-", ":?", ":+", "-", "?", "+"} {
				if strings.HasPrefix(rest, op) {
					r.op = op
					refs = append(refs, r)
					refs = append(refs, varRefs(rest[len(op):])...)
					break
				}
			}
			if r.op == "" {
				refs = append(refs, r)
			}
			i = stop
		case isNameByte(c, true):
			end := i + 1
			for end < len(s) && isNameByte(s[end], false) {
				end++
			}
			refs = append(refs, varRef{name: s[i+1 : end]})
			i = end - 1
		}
	}
	return refs
}

func isNameByte(c byte, first bool) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || !first && '0' <= c && c <= '9'
}

// stringsIn calls f with every string value (not key) under v.
func stringsIn(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, e := range v {
			stringsIn(e, f)
		}
	case map[string]any:
		for _, e := range v {
			stringsIn(e, f)
		}
	}
}
