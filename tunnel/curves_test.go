package tunnel

import (
	"crypto/tls"
	"strings"
	"testing"
)

func TestParseCurves(t *testing.T) {
	got, err := ParseCurves("X25519MLKEM768:x25519, prime256v1:P-384:secp521r1")
	want := []tls.CurveID{tls.X25519MLKEM768, tls.X25519, tls.CurveP256, tls.CurveP384, tls.CurveP521}
	if err != nil || len(got) != len(want) {
		t.Fatalf("ParseCurves = %v, %v", got, err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("curve %d = %v, want %v", i, got[i], want[i])
		}
	}
	if got, err := ParseCurves(""); err != nil || got != nil {
		t.Errorf("empty: %v, %v", got, err)
	}
	for in, msg := range map[string]string{
		"P-256:brainpool": `curves "P-256:brainpool": "brainpool" is not one of`,
		"P-256:secp256r1": `curves "P-256:secp256r1": secp256r1 is listed twice`,
	} {
		if _, err := ParseCurves(in); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v, want %q", in, err, msg)
		}
	}
}

// A server told to use only P-256 negotiates it, as stunnel's "curves"
// makes it, and refuses a client that offers only X25519.
func TestServerCurves(t *testing.T) {
	noLeaks(t)
	f := serve(t, &Server{Default: backend(t, echo), Curves: []tls.CurveID{tls.CurveP256}})
	c := f.dial(t, "a.test")
	if got := c.ConnectionState().CurveID; got != tls.CurveP256 {
		t.Errorf("negotiated %v, want P-256", got)
	}
	_, err := tls.Dial("tcp", f.addr, &tls.Config{ServerName: "a.test", RootCAs: f.ca.Pool(), CurvePreferences: []tls.CurveID{tls.X25519}})
	if err == nil || !strings.Contains(err.Error(), "handshake failure") {
		t.Errorf("X25519-only client: %v, want a handshake failure", err)
	}
}
