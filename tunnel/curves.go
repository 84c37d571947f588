package tunnel

import (
	"crypto/tls"
	"fmt"
	"strings"
)

// curveNames are the key exchange groups crypto/tls offers, by the names
// stunnel's and OpenSSL's "curves" take and Go's own.
var curveNames = map[string]tls.CurveID{
	"x25519mlkem768": tls.X25519MLKEM768,
	"x25519":         tls.X25519,
	"p-256":          tls.CurveP256,
	"prime256v1":     tls.CurveP256,
	"secp256r1":      tls.CurveP256,
	"p-384":          tls.CurveP384,
	"secp384r1":      tls.CurveP384,
	"p-521":          tls.CurveP521,
	"secp521r1":      tls.CurveP521,
}

// ParseCurves reads a list of key exchange groups in order of preference,
// separated by ':' as in stunnel's "curves" or by ',', e.g.
// "X25519MLKEM768:X25519:P-256". An empty list means crypto/tls's
// defaults.
func ParseCurves(s string) ([]tls.CurveID, error) {
	var out []tls.CurveID
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ':' || r == ',' }) {
		name := strings.TrimSpace(f)
		id, ok := curveNames[strings.ToLower(name)]
		if !ok {
			return nil, fmt.Errorf("curves %q: %q is not one of X25519MLKEM768, X25519, P-256, P-384, P-521", s, name)
		}
		for _, have := range out {
			if have == id {
				return nil, fmt.Errorf("curves %q: %s is listed twice", s, name)
			}
		}
		out = append(out, id)
	}
	return out, nil
}
