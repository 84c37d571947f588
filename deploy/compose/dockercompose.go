package compose

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// dockerCompose is what the checks read of a docker-compose file. It is
// read as plain YAML, anchors and merge keys resolved, and is not checked
// against the Compose schema: docker compose does that in the guest.
type dockerCompose struct {
	doc      map[string]any
	services []service // sorted by name
}

type service struct {
	name string
	def  map[string]any
}

// parseDockerCompose refuses text that is not UTF-8 or YAML, a document
// that is not a mapping, no services, and a service that is not a mapping
// or has neither image nor build (nor extends, which may bring one).
func parseDockerCompose(data []byte) (*dockerCompose, error) {
	if !utf8.Valid(data) {
		return nil, errors.New("not UTF-8 text")
	}
	var doc any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	top, ok := doc.(map[string]any)
	if !ok {
		if doc == nil {
			return nil, errors.New("empty: no services")
		}
		return nil, errors.New("the document is not a mapping with services")
	}
	raw, ok := top["services"]
	if !ok || raw == nil {
		return nil, errors.New("no services")
	}
	svcs, ok := raw.(map[string]any)
	if !ok {
		return nil, errors.New("services is not a mapping of names to services")
	}
	if len(svcs) == 0 {
		return nil, errors.New("no services")
	}
	dc := &dockerCompose{doc: top}
	for name, v := range svcs {
		def, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("service %q is not a mapping", name)
		}
		image, hasImage := def["image"]
		if hasImage {
			if s, ok := image.(string); !ok || s == "" {
				return nil, fmt.Errorf("service %q: image is not a non-empty string", name)
			}
		}
		_, hasBuild := def["build"]
		_, hasExtends := def["extends"]
		if !hasImage && !hasBuild && !hasExtends {
			return nil, fmt.Errorf("service %q has neither image nor build", name)
		}
		dc.services = append(dc.services, service{name, def})
	}
	slices.SortFunc(dc.services, func(a, b service) int { return strings.Compare(a.name, b.name) })
	return dc, nil
}

// scalar is a YAML scalar as text, "" for anything else.
func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case bool:
		return strconv.FormatBool(v)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

// list is a YAML sequence, or a lone value as a one-element list.
func list(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

// words is a command or entrypoint as one string.
func words(v any) string {
	var parts []string
	for _, w := range list(v) {
		parts = append(parts, scalar(w))
	}
	return strings.Join(parts, " ")
}

// mount is a volume of a service: source is a host path, cleaned, or ""
// for a named or anonymous volume.
type mount struct {
	source, target string
}

func (s service) mounts() []mount {
	var ms []mount
	for _, v := range list(s.def["volumes"]) {
		var src, dst string
		switch v := v.(type) {
		case string:
			parts := strings.Split(v, ":")
			if len(parts) == 1 {
				dst = parts[0]
			} else {
				src, dst = parts[0], parts[1]
			}
		case map[string]any:
			src, dst = scalar(v["source"]), scalar(v["target"])
			if t := scalar(v["type"]); t != "" && t != "bind" {
				src = ""
			}
		}
		if !strings.HasPrefix(src, "/") {
			src = "" // a named volume, or a path relative to a directory the compose hash does not cover
		} else {
			src = cleanPath(src)
		}
		ms = append(ms, mount{src, dst})
	}
	return ms
}

func cleanPath(p string) string {
	for strings.Contains(p, "//") {
		p = strings.ReplaceAll(p, "//", "/")
	}
	if len(p) > 1 {
		p = strings.TrimSuffix(p, "/")
	}
	return p
}

// portPair is a published port: host (may be empty) and container, each
// a number or a range "a-b".
type portPair struct{ host, container string }

func (s service) ports() []portPair {
	var ps []portPair
	for _, v := range list(s.def["ports"]) {
		switch v := v.(type) {
		case map[string]any:
			ps = append(ps, portPair{scalar(v["published"]), scalar(v["target"])})
		default:
			spec, _, _ := strings.Cut(scalar(v), "/")
			parts := strings.Split(spec, ":")
			p := portPair{container: parts[len(parts)-1]}
			if len(parts) > 1 {
				p.host = parts[len(parts)-2]
			}
			ps = append(ps, p)
		}
	}
	return ps
}

// inRange reports whether port n is the number or within the range r.
func inRange(r string, n int) bool {
	lo, hi, isRange := strings.Cut(r, "-")
	a, err := strconv.Atoi(strings.TrimSpace(lo))
	if err != nil {
		return false
	}
	b := a
	if isRange {
		if b, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil {
			return false
		}
	}
	return a <= n && n <= b
}

// envEntry is one entry of a service's environment: a value, or none when
// the entry passes the variable through from compose's own environment.
type envEntry struct {
	name, value string
	passed      bool
}

func (s service) environment() []envEntry {
	var es []envEntry
	switch env := s.def["environment"].(type) {
	case map[string]any:
		for k, v := range env {
			es = append(es, envEntry{k, scalar(v), v == nil})
		}
	case []any:
		for _, v := range env {
			k, val, ok := strings.Cut(scalar(v), "=")
			es = append(es, envEntry{k, val, !ok})
		}
	}
	slices.SortFunc(es, func(a, b envEntry) int { return strings.Compare(a.name, b.name) })
	return es
}
