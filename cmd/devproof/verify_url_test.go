package main

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestVerifyURLBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"http://app.example.com"}, `"http://app.example.com" is not https://<domain>[:port]`},
		{[]string{"https://app.example.com/path"}, "is not https://<domain>[:port]"},
		{[]string{"https://app.example.com", "--kms", "0x01"}, "--kms, --app-auth, --registry and --market need --rpc"},
		{[]string{"https://app.example.com", "--expect-compose-hash", "abcd"}, `--expect-compose-hash "abcd" is 2 bytes, want 32`},
		{[]string{"https://app.example.com", "--expect-compose-hash", "zz"}, `--expect-compose-hash "zz"`},
		{[]string{"https://app.example.com", "--ca", "/nonexistent/ca.pem"}, "--ca: open /nonexistent/ca.pem"},
		{[]string{"https://app.example.com", "--resolve", "app.example.com:443"}, `--resolve "app.example.com:443": want HOST:PORT:ADDR`},
	} {
		err := runVerify(context.Background(), tc.args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.args, err, tc.want)
		}
	}
	if err := runVerify(context.Background(), []string{"https://a.example.com", "https://b.example.com"}, io.Discard, io.Discard); !errors.Is(err, errUsage) {
		t.Errorf("two URLs: %v, want a usage error", err)
	}
}
