package notary

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"time"

	"github.com/devproof/devproof/notary/ctpolicy"
)

// Check is the result of one check on a chain.
type Check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

// ChainReport is every check CheckChain ran.
type ChainReport struct {
	OK     bool             `json:"ok"`
	At     time.Time        `json:"at"`
	Checks []Check          `json:"checks"`
	CT     *ctpolicy.Result `json:"ct,omitempty"`
}

// ChainOptions say what to check a chain against.
type ChainOptions struct {
	// Roots are the trusted roots; nil means the system's.
	Roots *x509.CertPool
	// Host, when set, must be a name the leaf is valid for.
	Host string
	// At is the time of evaluation.
	At time.Time
	// LogList is the CT log list snapshot.
	LogList *ctpolicy.LogList
}

// ParseChainPEM reads PEM certificates, leaf first.
func ParseChainPEM(data []byte) ([][]byte, error) {
	var chain [][]byte
	for len(data) > 0 {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			return nil, fmt.Errorf("PEM block %d is %q, want CERTIFICATE", len(chain)+1, b.Type)
		}
		chain = append(chain, b.Bytes)
	}
	if len(chain) == 0 {
		return nil, fmt.Errorf("no PEM certificates")
	}
	return chain, nil
}

// CheckChain validates the path from the leaf to a trusted root at
// opts.At, the host name, and the CT policy, and reports each.
func CheckChain(chain [][]byte, opts ChainOptions) (*ChainReport, error) {
	r := &ChainReport{At: opts.At.UTC()}
	certs := make([]*x509.Certificate, len(chain))
	for i, der := range chain {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, fmt.Errorf("certificate %d of the chain: %w", i, err)
		}
		certs[i] = c
	}
	roots := opts.Roots
	if roots == nil {
		var err error
		if roots, err = x509.SystemCertPool(); err != nil {
			return nil, fmt.Errorf("system roots: %w", err)
		}
	}
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	add := func(name string, err error, ok string) {
		if err != nil {
			r.Checks = append(r.Checks, Check{Name: name, Detail: err.Error()})
		} else {
			r.Checks = append(r.Checks, Check{Name: name, OK: true, Detail: ok})
		}
	}
	paths, err := certs[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter, CurrentTime: opts.At, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}})
	detail := ""
	if err == nil {
		detail = "chains to " + paths[0][len(paths[0])-1].Subject.String()
	}
	add("path", err, detail)
	if opts.Host != "" {
		add("hostname", certs[0].VerifyHostname(opts.Host), "valid for "+opts.Host)
	}
	if opts.LogList == nil {
		return nil, fmt.Errorf("no CT log list")
	}
	ct, err := ctpolicy.Evaluate(chain, nil, opts.LogList, opts.At)
	if err != nil {
		return nil, err
	}
	r.CT = ct
	if ct.OK {
		add("ct", nil, fmt.Sprintf("SCTs from %d logs by %v (log list %s)", ct.DistinctLogs, ct.Operators, ct.LogListVersion))
	} else {
		add("ct", fmt.Errorf("%v", joinFailures(ct.Failures)), "")
	}
	r.OK = true
	for _, c := range r.Checks {
		r.OK = r.OK && c.OK
	}
	return r, nil
}

func joinFailures(f []string) string {
	out := ""
	for i, s := range f {
		if i > 0 {
			out += "; "
		}
		out += s
	}
	return out
}
