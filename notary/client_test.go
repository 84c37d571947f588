package notary

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
)

// A status other than 2xx fails the "status" check unless the request
// allows it, on every path to a signature.
func TestStatus(t *testing.T) {
	src := newSource(t, nil)
	s, _ := signer(t)
	for _, tc := range []struct {
		name string
		req  Request
		want string
	}{
		{"404", Request{URL: src.url("/status/404")}, "answered 404 Not Found; accepted are 2xx"},
		{"500", Request{URL: src.url("/status/500")}, "answered 500 Internal Server Error"},
		{"304", Request{URL: src.url("/status/304")}, "answered 304 Not Modified"},
		{"404 after a redirect", Request{URL: src.url("/to-missing")}, src.url("/status/404") + " answered 404"},
		{"404, another status allowed", Request{URL: src.url("/status/404"), AllowStatus: []int{410}}, "accepted are 2xx, 410"},
		{"a status that is none", Request{URL: src.url("/price"), AllowStatus: []int{42}}, "AllowStatus 42 is not an HTTP status code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := Notarize(context.Background(), src.client(), s, testDomain, tc.req, "/status", common.Hash{})
			var ce *CheckError
			if n != nil || !errors.As(err, &ce) || ce.Check != "status" || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v (notarization %v), want the status check with %q", err, n != nil, tc.want)
			}
			if rec, err := src.client().Fetch(context.Background(), tc.req); rec != nil || !errors.As(err, &ce) || ce.Check != "status" {
				t.Errorf("Fetch: %v", err)
			}
		})
	}
	n, err := Notarize(context.Background(), src.client(), s, testDomain, Request{URL: src.url("/status/404"), AllowStatus: []int{404}}, "/status", common.Hash{})
	if err != nil || n.Record.Response.Status != 404 || string(n.Value) != "404" {
		t.Fatalf("an allowed 404: %v", err)
	}
	n, err = Notarize(context.Background(), src.client(), s, testDomain, Request{URL: src.url("/status/201")}, "/status", common.Hash{})
	if err != nil || n.Record.Response.Status != 201 {
		t.Fatalf("201: %v", err)
	}
}

// The record keeps no credential: userinfo leaves every URL (and is sent
// as Basic auth, recorded redacted), and default and caller-named secret
// headers of the request and the response are redacted.
func TestRecordRedacts(t *testing.T) {
	src := newSource(t, nil)
	s, _ := signer(t)
	withUser := strings.Replace(src.url("/echo"), "https://", "https://alice:s3cr3t-password@", 1)
	req := Request{URL: withUser, Headers: http.Header{
		"X-Api-Key":           {"s3cr3t-api-key"},
		"X-Session-Token":     {"s3cr3t-session-token"},
		"X-Client-Secret":     {"s3cr3t-client-secret"},
		"Cookie":              {"s3cr3t-cookie"},
		"Proxy-Authorization": {"s3cr3t-proxy"},
		"X-Custom":            {"s3cr3t-custom"},
		"Accept":              {"application/json"},
	}, SecretHeaders: []string{"x-CUSTOM"}}
	n, err := Notarize(context.Background(), src.client(), s, testDomain, req, "/user", common.Hash{})
	if err != nil {
		t.Fatal(err)
	}
	if string(n.Value) != `"alice"` {
		t.Errorf("the source saw user %s, want alice by Basic auth", n.Value)
	}
	r := n.Record
	canon, _ := r.Canonical()
	for _, secret := range []string{"alice", "s3cr3t"} {
		if strings.Contains(string(canon), secret) {
			t.Errorf("the record holds %q:\n%s", secret, canon)
		}
	}
	if r.Request.URL != src.url("/echo") || r.Response.URL != src.url("/echo") {
		t.Errorf("URLs %q %q", r.Request.URL, r.Response.URL)
	}
	basic := "Basic " + base64.StdEncoding.EncodeToString([]byte("alice:s3cr3t-password"))
	if got := r.Request.Headers["authorization"]; len(got) != 1 || got[0] != "redacted:sha256:"+sha256Hex([]byte(basic)) {
		t.Errorf("authorization recorded as %q", got)
	}
	for _, h := range []string{"x-api-key", "x-session-token", "x-client-secret", "cookie", "proxy-authorization", "x-custom"} {
		if got := r.Request.Headers[h]; len(got) != 1 || !strings.HasPrefix(got[0], "redacted:sha256:") {
			t.Errorf("request header %s recorded as %q", h, got)
		}
	}
	for _, h := range []string{"set-cookie", "x-request-token", "x-secret-hint", "x-custom"} {
		if got := r.Response.Headers[h]; len(got) != 1 || !strings.HasPrefix(got[0], "redacted:sha256:") {
			t.Errorf("response header %s recorded as %q", h, got)
		}
	}
	if r.Request.Headers["accept"][0] != "application/json" || r.Response.Headers["x-plain"][0] != "visible" {
		t.Errorf("headers that are not secret were changed: %v %v", r.Request.Headers, r.Response.Headers)
	}

	// Redirects are recorded without userinfo, and one that adds userinfo
	// is refused, since Go would send it as credentials.
	moved := strings.Replace(src.url("/moved"), "https://", "https://alice:s3cr3t-password@", 1)
	n, err = Notarize(context.Background(), src.client(), s, testDomain, Request{URL: moved}, "/market", common.Hash{})
	if err != nil {
		t.Fatal(err)
	}
	if got := n.Record.Response.Redirects; len(got) != 1 || got[0] != src.url("/moved") || n.Record.Response.URL != src.url("/price") {
		t.Errorf("redirects %q, final %q", got, n.Record.Response.URL)
	}
	_, err = Notarize(context.Background(), src.client(), s, testDomain, Request{URL: src.url("/to-userinfo")}, "", common.Hash{})
	var ce *CheckError
	if !errors.As(err, &ce) || ce.Check != "redirect" || !strings.Contains(err.Error(), "carries userinfo") || strings.Contains(err.Error(), "mallory") {
		t.Errorf("redirect to userinfo: %v", err)
	}
	// Errors about a URL do not show its password either.
	_, err = Notarize(context.Background(), src.client(), s, testDomain, Request{URL: "http://alice:s3cr3t-password@" + sourceHost + "/"}, "", common.Hash{})
	if !errors.As(err, &ce) || ce.Check != "url" || strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("plain http with a password: %v", err)
	}
	_, err = Notarize(context.Background(), src.client(), s, testDomain, Request{URL: "https://alice:s3cr3t-password@" + sourceHost + ":x/"}, "", common.Hash{})
	if !errors.As(err, &ce) || ce.Check != "url" || strings.Contains(err.Error(), "s3cr3t") {
		t.Errorf("unparsable URL with a password: %v", err)
	}
}

func TestIsSecret(t *testing.T) {
	for name, want := range map[string]bool{
		"Authorization": true, "proxy-authorization": true, "COOKIE": true, "Set-Cookie": true,
		"X-Api-Key": true, "Api-Key": true, "X-Auth-Token": true, "x-csrf-token": true, "X-Client-Secret": true, "Secret": true, "X-Secretive": true,
		"Accept": false, "Content-Type": false, "Key": false, "Token": false, "X-Keyboard": false, "Tokens": false, "X-Custom": false,
	} {
		if got := isSecret(name, nil); got != want {
			t.Errorf("isSecret(%q) = %v", name, got)
		}
	}
	if !isSecret("X-Custom", []string{" x-custom "}) {
		t.Error("a header the caller names is not secret")
	}
}
