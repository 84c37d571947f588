package acmeca

import (
	"crypto/tls"
	"net/http"
	"testing"
)

// Requests counts what reaches the ACME server, so that a test asserting
// "the CA was asked nothing" can fail.
func TestRequestsCounts(t *testing.T) {
	c, err := Start("127.0.0.1:1", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	before := c.Requests()
	tr := &http.Transport{TLSClientConfig: &tls.Config{RootCAs: c.ServerRoots}}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(c.Directory)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := c.Requests() - before; got != 1 {
		t.Errorf("Requests grew by %d after one directory fetch, want 1", got)
	}
}
