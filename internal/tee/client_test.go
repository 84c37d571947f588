package tee

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// Field names of dstack's official Go SDK (sdk/go/dstack/client.go). The
// wire format is the contract: these must never drift.
func TestJSONFieldNamesMatchSDK(t *testing.T) {
	for _, tc := range []struct {
		v    any
		want []string
	}{
		{InfoResponse{}, []string{"app_id", "instance_id", "app_cert", "tcb_info", "app_name", "device_id", "mr_aggregated", "key_provider_info", "os_image_hash", "compose_hash", "vm_config", "cloud_vendor", "cloud_product"}},
		{TcbInfo{}, []string{"mrtd", "rtmr0", "rtmr1", "rtmr2", "rtmr3", "app_compose", "event_log", "mr_aggregated", "os_image_hash", "compose_hash", "device_id", "rootfs_hash"}},
		{GetKeyRequest{}, []string{"path", "purpose", "algorithm"}},
		{GetKeyResponse{}, []string{"key", "signature_chain"}},
		{GetQuoteRequest{}, []string{"report_data"}},
		{GetQuoteResponse{}, []string{"quote", "event_log", "report_data", "vm_config", "attestation"}},
		{GetTlsKeyRequest{}, []string{"subject", "alt_names", "usage_ra_tls", "usage_server_auth", "usage_client_auth", "not_before", "not_after", "with_app_info"}},
		{GetTlsKeyResponse{}, []string{"key", "certificate_chain"}},
		{SignRequest{}, []string{"algorithm", "data"}},
		{SignResponseWire{}, []string{"signature", "signature_chain", "public_key"}},
		{VerifyRequest{}, []string{"algorithm", "data", "signature", "public_key"}},
		{VerifyResponse{}, []string{"valid"}},
		{VersionResponse{}, []string{"version", "rev"}},
	} {
		typ := reflect.TypeOf(tc.v)
		var got []string
		for i := range typ.NumField() {
			got = append(got, strings.Split(typ.Field(i).Tag.Get("json"), ",")[0])
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s fields = %v, want %v", typ.Name(), got, tc.want)
		}
	}
}

// A GetQuote reply captured in the SDK's shape decodes into our types.
func TestDecodeSDKShapedReply(t *testing.T) {
	raw := `{"quote":"0400","event_log":"[{\"imr\":3,\"event_type\":134217729,\"digest\":\"\",\"event\":\"app-id\",\"event_payload\":\"00\"}]","report_data":"ab","vm_config":"{}"}`
	var r GetQuoteResponse
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatal(err)
	}
	if q, err := r.DecodeQuote(); err != nil || len(q) != 2 || r.ReportData != "ab" || !strings.Contains(r.EventLog, "app-id") {
		t.Errorf("decoded %+v (%v)", r, err)
	}
}

func TestFindEndpoint(t *testing.T) {
	t.Setenv(EndpointEnv, "http://127.0.0.1:8090")
	if got := FindEndpoint(); got != "http://127.0.0.1:8090" {
		t.Errorf("FindEndpoint = %q", got)
	}
	t.Setenv(EndpointEnv, "")
	if got := FindEndpoint(); !slices.Contains(SocketPaths, got) {
		t.Errorf("FindEndpoint = %q, want one of %v", got, SocketPaths)
	}
}

func shortCtx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestMissingSocket(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "none.sock")
	_, err := New(sock).Info(shortCtx(t))
	if err == nil || !strings.Contains(err.Error(), sock) || !strings.Contains(err.Error(), "cannot connect") {
		t.Errorf("error = %v, want it to name %s and say it cannot connect", err, sock)
	}
}

// serveUnix answers every request with h on a fresh unix socket.
func serveUnix(t *testing.T, h http.HandlerFunc) *Client {
	sock := filepath.Join(t.TempDir(), "agent.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return New(sock)
}

func TestBadReplies(t *testing.T) {
	c := serveUnix(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/Info":
			w.Write([]byte("<html>not json</html>"))
		case "/GetKey":
			http.Error(w, `{"error":"key provider unavailable"}`, http.StatusInternalServerError)
		case "/Sign":
			w.Write([]byte(`{"signature":"abc","public_key":"00","signature_chain":[]}`))
		case "/Version":
			time.Sleep(2 * time.Second)
		}
	})
	_, err := c.Info(shortCtx(t))
	if err == nil || !strings.Contains(err.Error(), "/Info") || !strings.Contains(err.Error(), "not the expected JSON") {
		t.Errorf("non-JSON reply: %v", err)
	}
	_, err = c.GetKey(shortCtx(t), "p", "q", "")
	if err == nil || !strings.Contains(err.Error(), "HTTP 500") || !strings.Contains(err.Error(), "key provider unavailable") {
		t.Errorf("agent error: %v", err)
	}
	_, err = c.Sign(shortCtx(t), "secp256k1", []byte("x"))
	if err == nil || !strings.Contains(err.Error(), "signature: hex has odd length 3") {
		t.Errorf("odd hex: %v", err)
	}
	tctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = c.GetVersion(tctx)
	if err == nil || !strings.Contains(err.Error(), "/Version") {
		t.Errorf("timeout: %v", err)
	}
}
