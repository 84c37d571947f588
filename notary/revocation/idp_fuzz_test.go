package revocation

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"reflect"
	"testing"
)

// idpASN1 is IssuingDistributionPoint (RFC 5280 §5.2.5) for encoding/asn1,
// an encoder independent of the cryptobyte one in idpExtension. The module
// uses implicit tags; distributionPoint, a CHOICE, is a raw value so that
// its tag can be written out.
type idpASN1 struct {
	DistributionPoint  asn1.RawValue  `asn1:"optional"`
	OnlyUserCerts      bool           `asn1:"optional,tag:1"`
	OnlyCACerts        bool           `asn1:"optional,tag:2"`
	OnlySomeReasons    asn1.BitString `asn1:"optional,tag:3"`
	Indirect           bool           `asn1:"optional,tag:4"`
	OnlyAttributeCerts bool           `asn1:"optional,tag:5"`
}

// fullName is distributionPoint [0] holding fullName [0] GeneralNames.
func fullName(t testing.TB, names ...asn1.RawValue) asn1.RawValue {
	t.Helper()
	var inner []byte
	for _, n := range names {
		b, err := asn1.Marshal(n)
		if err != nil {
			t.Fatal(err)
		}
		inner = append(inner, b...)
	}
	full, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: inner})
	if err != nil {
		t.Fatal(err)
	}
	return asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: full}
}

// uri is a GeneralName uniformResourceIdentifier [6] IA5String.
func uri(s string) asn1.RawValue {
	return asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 6, Bytes: []byte(s)}
}

func marshalIDP(t testing.TB, v idpASN1) []byte {
	t.Helper()
	der, err := asn1.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// parseIDP reads what encoding/asn1 writes, so the fuzz seeds below are
// accepted encodings, not noise.
func TestParseIDPFromEncodingASN1(t *testing.T) {
	const u = "http://crl.example/1.crl"
	for _, tc := range []struct {
		in   idpASN1
		want issuingDistributionPoint
	}{
		{idpASN1{}, issuingDistributionPoint{}},
		{idpASN1{DistributionPoint: fullName(t, uri(u)), OnlyUserCerts: true}, issuingDistributionPoint{hasName: true, uris: []string{u}, onlyUserCerts: true}},
		{idpASN1{DistributionPoint: fullName(t)}, issuingDistributionPoint{hasName: true}},
		{idpASN1{OnlyCACerts: true}, issuingDistributionPoint{onlyCACerts: true}},
		{idpASN1{OnlySomeReasons: asn1.BitString{Bytes: []byte{0x40}, BitLength: 2}}, issuingDistributionPoint{someReasons: true}},
		{idpASN1{Indirect: true}, issuingDistributionPoint{indirect: true}},
		{idpASN1{OnlyAttributeCerts: true}, issuingDistributionPoint{onlyAttributeCerts: true}},
	} {
		got, err := parseIDP(marshalIDP(t, tc.in))
		if err != nil || !reflect.DeepEqual(*got, tc.want) {
			t.Errorf("%+v parses as %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

// FuzzParseIDP checks that parseIDP never panics and that what it accepts
// is self-consistent: written again with encoding/asn1, it parses to the
// same fields.
func FuzzParseIDP(f *testing.F) {
	const shard = "http://r11.c.lencr.org/42.crl" // the shape of Let's Encrypt's sharded CRL URLs
	rdn, err := asn1.Marshal(pkix.RelativeDistinguishedNameSET{{Type: asn1.ObjectIdentifier{2, 5, 4, 3}, Value: "CRL shard 7"}})
	if err != nil {
		f.Fatal(err)
	}
	var set asn1.RawValue
	if _, err := asn1.Unmarshal(rdn, &set); err != nil {
		f.Fatal(err)
	}
	// nameRelativeToCRLIssuer [1] takes the SET's contents under its own tag.
	relative, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 1, IsCompound: true, Bytes: set.Bytes})
	if err != nil {
		f.Fatal(err)
	}
	keyCompromise := asn1.BitString{Bytes: []byte{0x40}, BitLength: 2} // ReasonFlags bit 1
	for _, v := range []idpASN1{
		{},
		{DistributionPoint: fullName(f, uri(shard))},
		{DistributionPoint: fullName(f, uri(shard)), OnlyUserCerts: true}, // as Let's Encrypt issues them
		{DistributionPoint: fullName(f, uri(shard), uri("ldap://crl.example/cn=x"), asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 2, Bytes: []byte("crl.example")})},
		{DistributionPoint: fullName(f)},
		{DistributionPoint: asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: relative}},
		{DistributionPoint: fullName(f, uri(shard)), OnlyCACerts: true},
		{DistributionPoint: fullName(f, uri(shard)), Indirect: true},
		{DistributionPoint: fullName(f, uri(shard)), OnlySomeReasons: keyCompromise},
		{OnlyAttributeCerts: true},
		{OnlyUserCerts: true, OnlyCACerts: true, OnlySomeReasons: keyCompromise, Indirect: true, OnlyAttributeCerts: true},
	} {
		f.Add(marshalIDP(f, v))
	}
	// The cryptobyte encodings the scope tests use.
	for _, field := range []uint8{1, 2, 3, 4, 5} {
		f.Add(idpExtension(shard, field).Value)
	}
	f.Add(idpExtension("").Value)

	f.Fuzz(func(t *testing.T, der []byte) {
		idp, err := parseIDP(der)
		if err != nil {
			return
		}
		if !idp.hasName && len(idp.uris) > 0 {
			t.Fatalf("URIs %q without a distribution point name", idp.uris)
		}
		v := idpASN1{OnlyUserCerts: idp.onlyUserCerts, OnlyCACerts: idp.onlyCACerts, Indirect: idp.indirect, OnlyAttributeCerts: idp.onlyAttributeCerts}
		if idp.hasName {
			var names []asn1.RawValue
			for _, u := range idp.uris {
				names = append(names, uri(u))
			}
			v.DistributionPoint = fullName(t, names...)
		}
		if idp.someReasons {
			v.OnlySomeReasons = asn1.BitString{Bytes: []byte{0x80}, BitLength: 1}
		}
		again, err := parseIDP(marshalIDP(t, v))
		if err != nil {
			t.Fatalf("%+v, written again, does not parse: %v", idp, err)
		}
		if len(idp.uris) == 0 {
			idp.uris = nil
		}
		if !reflect.DeepEqual(again, idp) {
			t.Fatalf("%+v, written again, parses as %+v", idp, again)
		}
	})
}
