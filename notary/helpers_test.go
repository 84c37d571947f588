package notary

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/devproof/devproof/notary/ctpolicy"
)

type ctpolicyList = ctpolicy.LogList

// parseTestLogList is a one-log list: enough for the client to run the CT
// policy, which a certificate without SCTs fails.
func parseTestLogList() (*ctpolicy.LogList, error) {
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	der, _ := x509.MarshalPKIXPublicKey(&k.PublicKey)
	id := sha256.Sum256(der)
	return ctpolicy.ParseLogList([]byte(fmt.Sprintf(`{"version":"test","log_list_timestamp":%q,"operators":[{"name":"Test","logs":[{"description":"test log","log_id":%q,"key":%q,"url":"https://ct.invalid/","mmd":86400,"state":{"usable":{"timestamp":"2024-01-01T00:00:00Z"}}}]}]}`,
		time.Now().UTC().Format(time.RFC3339), base64.StdEncoding.EncodeToString(id[:]), base64.StdEncoding.EncodeToString(der))))
}
