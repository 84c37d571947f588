package ingress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/libdns/namecheap"
	"github.com/libdns/route53"
)

// Each provider is chosen by DNS_PROVIDER or detected from its
// credentials, refuses to start without them, naming each missing
// variable, and is built with the values given.
func TestDNSProvidersRoute53LinodeNamecheap(t *testing.T) {
	base := []string{"DOMAIN", "a.example.com", "TARGET_ENDPOINT", "a:1"}
	keyFile := filepath.Join(t.TempDir(), "aws-secret")
	os.WriteFile(keyFile, []byte("aws-secret-from-file\n"), 0o600)

	c, err := ParseConfig(env(append(base, "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY_FILE", keyFile, "AWS_REGION", "eu-west-1")...))
	if err != nil {
		t.Fatal(err)
	}
	if c.DNS.Provider != "route53" {
		t.Fatalf("detected %q from AWS_ACCESS_KEY_ID, want route53", c.DNS.Provider)
	}
	p, err := newDNSProvider(c.DNS)
	if err != nil {
		t.Fatal(err)
	}
	r53, ok := p.(*route53.Provider)
	if !ok || r53.AccessKeyId != "AKIDEXAMPLE" || r53.SecretAccessKey != "aws-secret-from-file" || r53.Region != "eu-west-1" || r53.SessionToken != "" {
		t.Errorf("route53 provider = %+v", p)
	}
	c, _ = ParseConfig(env(append(base, "DNS_PROVIDER", "route53", "AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s")...))
	if c.DNS.AWSRegion != "us-east-1" {
		t.Errorf("default AWS_REGION = %q, want us-east-1 as dstack-ingress", c.DNS.AWSRegion)
	}

	c, err = ParseConfig(env(append(base, "LINODE_API_TOKEN", "linode-token")...))
	if err != nil || c.DNS.Provider != "linode" {
		t.Fatalf("linode detection: %+v %v", c, err)
	}
	p, _ = newDNSProvider(c.DNS)
	if l, ok := p.(*linodeProvider); !ok || l.p.APIToken != "linode-token" {
		t.Errorf("linode provider = %+v", p)
	}

	c, err = ParseConfig(env(append(base, "NAMECHEAP_API_KEY", "nc-key", "NAMECHEAP_USERNAME", "alice", "NAMECHEAP_CLIENT_IP", "203.0.113.7")...))
	if err != nil || c.DNS.Provider != "namecheap" {
		t.Fatalf("namecheap detection: %+v %v", c, err)
	}
	p, _ = newDNSProvider(c.DNS)
	if nc, ok := p.(*namecheap.Provider); !ok || nc.APIKey != "nc-key" || nc.User != "alice" || nc.ClientIP != "203.0.113.7" {
		t.Errorf("namecheap provider = %+v", p)
	}

	for _, tc := range []struct {
		kv   []string
		want []string
	}{
		{[]string{"DNS_PROVIDER", "route53"}, []string{"AWS_ACCESS_KEY_ID: required with DNS_PROVIDER=route53", "AWS_SECRET_ACCESS_KEY: required with DNS_PROVIDER=route53"}},
		{[]string{"DNS_PROVIDER", "route53", "AWS_ACCESS_KEY_ID", "AKID"}, []string{"AWS_SECRET_ACCESS_KEY: required with DNS_PROVIDER=route53"}},
		{[]string{"DNS_PROVIDER", "linode"}, []string{"LINODE_API_TOKEN: required with DNS_PROVIDER=linode"}},
		{[]string{"DNS_PROVIDER", "namecheap"}, []string{"NAMECHEAP_API_KEY: required", "NAMECHEAP_USERNAME: required", "NAMECHEAP_CLIENT_IP: required with DNS_PROVIDER=namecheap"}},
		{[]string{"NAMECHEAP_API_KEY", "k", "NAMECHEAP_USERNAME", "u", "NAMECHEAP_CLIENT_IP", "my-host"}, []string{`NAMECHEAP_CLIENT_IP: "my-host" is not an IP address`}},
		{[]string{"AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s", "AWS_REGION", "EU West"}, []string{`AWS_REGION: "EU West" is not an AWS region name`}},
		{[]string{"AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "s", "AWS_ROLE_ARN", "arn:aws:iam::1:role/dns"}, []string{"AWS_ROLE_ARN: assuming a role is not supported"}},
	} {
		_, err := ParseConfig(env(append(base, tc.kv...)...))
		for _, w := range tc.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%v: error lacks %q: %v", tc.kv, w, err)
			}
		}
		if err != nil && strings.Contains(err.Error(), "AKID") {
			t.Errorf("%v: error echoes a credential: %v", tc.kv, err)
		}
	}
}
