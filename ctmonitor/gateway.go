package ctmonitor

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/devproof/devproof/internal/attest"
)

// GatewayOptions say which dstack gateway's keys to accept.
type GatewayOptions struct {
	// AppID is the gateway's app id (hex, "0x" optional) every quote must
	// carry; required, or any app could vouch for a key.
	AppID string
	// Quote says where TCB collateral comes from.
	Quote attest.VerifyOptions
	// AllowSimulated accepts simulated quotes (development only).
	AllowSimulated bool
}

// gatewayInfo is what a dstack gateway serves at /.dstack/acme-info: the
// keys of its certificates, each with a quote whose report_data is
// sha512("zt-cert:" || SubjectPublicKeyInfo DER).
type gatewayInfo struct {
	AccountURI     string `json:"account_uri"`
	QuotedHistKeys []struct {
		PublicKey string `json:"public_key"` // hex SubjectPublicKeyInfo DER
		Quote     string `json:"quote"`      // a GetQuoteResponse, as JSON text
	} `json:"quoted_hist_keys"`
}

// FetchGatewayKeys reads a dstack gateway's quoted certificate keys from
// infoURL (https://gateway.<base domain>/.dstack/acme-info) and keeps
// each whose quote verifies, binds the key, replays RTMR3 and names the
// gateway's app. Keys that fail are left out; none passing is an error.
func FetchGatewayKeys(ctx context.Context, client *http.Client, infoURL string, opts GatewayOptions) (*Attested, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, infoURL, nil)
	if err != nil {
		return nil, fmt.Errorf("gateway %s: %w", infoURL, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("gateway %s: %w", infoURL, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("gateway %s: HTTP %s", infoURL, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return nil, fmt.Errorf("gateway %s: %w", infoURL, err)
	}
	return gatewayKeys(infoURL, body, opts)
}

func gatewayKeys(source string, body []byte, opts GatewayOptions) (*Attested, error) {
	want := strings.ToLower(strings.TrimPrefix(opts.AppID, "0x"))
	if want == "" {
		return nil, fmt.Errorf("gateway %s: no gateway app id given: any app's quotes would do", source)
	}
	var info gatewayInfo
	if err := json.Unmarshal(body, &info); err != nil {
		return nil, fmt.Errorf("gateway %s: acme-info: %w", source, err)
	}
	a := &Attested{keys: map[string]string{}}
	var refused []error
	for i, k := range info.QuotedHistKeys {
		spki, err := hex.DecodeString(k.PublicKey)
		if err == nil {
			err = checkGatewayKey(spki, k.Quote, want, opts)
		} else {
			err = fmt.Errorf("public_key is not hex")
		}
		if err != nil {
			refused = append(refused, fmt.Errorf("key %d: %w", i, err))
			continue
		}
		sum := sha256.Sum256(spki)
		a.keys[hex.EncodeToString(sum[:])] = "gateway " + want
	}
	if len(a.keys) == 0 {
		return nil, fmt.Errorf("gateway %s: no quoted key verifies: %w", source, errors.Join(refused...))
	}
	return a, nil
}

// checkGatewayKey verifies one key's quote: signature (or simulated, if
// allowed), report_data = sha512("zt-cert:" || spki), RTMR3 replayed, and
// the gateway's app id.
func checkGatewayKey(spki []byte, quote, appID string, opts GatewayOptions) error {
	ev, err := attest.ParseEvidence([]byte(quote))
	if err != nil {
		return fmt.Errorf("quote: %w", err)
	}
	rd := attest.TaggedReportData("zt-cert", spki)
	r, err := attest.Check(ev, attest.CheckOptions{VerifyOptions: opts.Quote, ReportData: &rd})
	if err != nil {
		return fmt.Errorf("quote: %w", err)
	}
	if !r.OK(opts.AllowSimulated) {
		reasons := append([]string{fmt.Sprintf("%s %s", r.Status, r.Reason)}, r.Problems...)
		return fmt.Errorf("quote: %s", strings.Join(reasons, "; "))
	}
	if r.RTMR3Replay != "match" {
		return errors.New("quote: no event log to replay RTMR3, so no app id")
	}
	if got := strings.ToLower(r.AppIdentity.AppID); got != appID {
		return fmt.Errorf("quote names app %s, not the gateway %s", got, appID)
	}
	return nil
}
