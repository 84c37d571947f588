package ctmonitor

import (
	"crypto/sha256"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Cert is one logged certificate or precertificate, parsed as far as the
// monitor needs and no further: what it names, which key it binds, and
// the fields an alert shows.
type Cert struct {
	// Names are the SAN dNSNames and the subject CNs, lowercased, as
	// logged: a name that is not a valid DNS name is kept raw, for
	// Watchlist.Match to treat fail-safe.
	Names []string
	// SPKISHA256 is the hex sha256 of the SubjectPublicKeyInfo DER.
	SPKISHA256 string
	// TBSSHA256 is the hex sha256 of the TBSCertificate without the
	// precertificate poison and SCT list extensions (RFC 6962 §3.1, §3.3):
	// a precertificate and its final certificate share it.
	TBSSHA256 string
	// CertSHA256 is the hex sha256 of the DER as logged: the certificate,
	// or for a precertificate entry the TBSCertificate.
	CertSHA256 string

	Subject, Issuer, Serial string
	NotBefore, NotAfter     time.Time
	// ParseErrors maps the certspotter variable a field would have filled
	// ("SUBJECT_DN", "ISSUER_DN", "SERIAL", "NOT_BEFORE", "NOT_AFTER") to
	// why it could not be parsed. That field is then zero.
	ParseErrors map[string]string

	DER     []byte
	Precert bool
}

// Extensions RFC 6962 adds to a certificate (§3.1 poison, §3.3 SCT list).
var (
	oidPoison     = mustOID(asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3})
	oidSCTList    = mustOID(asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 2})
	oidSAN        = mustOID(asn1.ObjectIdentifier{2, 5, 29, 17})
	oidCommonName = mustOID(asn1.ObjectIdentifier{2, 5, 4, 3})
)

// mustOID is the content octets of an OID, as compared against the
// cryptobyte walk.
func mustOID(o asn1.ObjectIdentifier) string {
	b, err := asn1.Marshal(o)
	if err != nil {
		panic(err)
	}
	return string(b[2:])
}

// tbsParts are the raw fields of a TBSCertificate (RFC 5280 §4.1), each a
// whole DER element, read without judging their contents.
type tbsParts struct {
	elems                    []cryptobyte.String // every field in order
	extsIndex                int                 // index in elems of [3], or -1
	serial, issuer, validity cryptobyte.String
	subject, spki            cryptobyte.String
	exts                     []extension
	hasPoison                bool
}

type extension struct {
	oid   string
	value cryptobyte.String // the extnValue octets
	raw   cryptobyte.String // the whole Extension element
}

// splitCert returns the TBSCertificate element of a Certificate.
func splitCert(der []byte) (cryptobyte.String, error) {
	s := cryptobyte.String(der)
	var cert, tbs cryptobyte.String
	if !s.ReadASN1(&cert, cbasn1.SEQUENCE) {
		return nil, errors.New("not a DER SEQUENCE")
	}
	if !s.Empty() {
		return nil, fmt.Errorf("%d bytes after the certificate", len(s))
	}
	if !cert.ReadASN1Element(&tbs, cbasn1.SEQUENCE) {
		return nil, errors.New("certificate holds no TBSCertificate SEQUENCE")
	}
	return tbs, nil
}

// walkTBS reads the skeleton of a TBSCertificate element. It fails only
// when the fields up to the SubjectPublicKeyInfo cannot be told apart, or
// the extensions cannot be, since then the names are unknown.
func walkTBS(tbsElem []byte) (*tbsParts, error) {
	s := cryptobyte.String(tbsElem)
	var tbs cryptobyte.String
	if !s.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return nil, errors.New("TBSCertificate is not a DER SEQUENCE")
	}
	if !s.Empty() {
		return nil, fmt.Errorf("%d bytes after the TBSCertificate", len(s))
	}
	p := &tbsParts{extsIndex: -1}
	var e cryptobyte.String
	var tag cbasn1.Tag
	if tbs.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()) {
		tbs.ReadASN1Element(&e, cbasn1.Tag(0).Constructed().ContextSpecific())
		p.elems = append(p.elems, e)
	}
	fields := []*cryptobyte.String{&p.serial, nil, &p.issuer, &p.validity, &p.subject, &p.spki}
	names := []string{"serialNumber", "signature", "issuer", "validity", "subject", "subjectPublicKeyInfo"}
	for i, f := range fields {
		if !tbs.ReadAnyASN1Element(&e, &tag) {
			return nil, fmt.Errorf("TBSCertificate ends before its %s", names[i])
		}
		if f != nil {
			*f = e
		}
		p.elems = append(p.elems, e)
	}
	if !p.spki.PeekASN1Tag(cbasn1.SEQUENCE) {
		return nil, errors.New("subjectPublicKeyInfo is not a SEQUENCE")
	}
	for !tbs.Empty() {
		if !tbs.ReadAnyASN1Element(&e, &tag) {
			return nil, errors.New("TBSCertificate has a malformed field after subjectPublicKeyInfo")
		}
		if tag == cbasn1.Tag(3).Constructed().ContextSpecific() {
			if p.extsIndex >= 0 {
				return nil, errors.New("TBSCertificate has two extensions fields")
			}
			p.extsIndex = len(p.elems)
			if err := p.readExtensions(e); err != nil {
				return nil, err
			}
		}
		p.elems = append(p.elems, e)
	}
	return p, nil
}

func (p *tbsParts) readExtensions(elem cryptobyte.String) error {
	var outer, exts cryptobyte.String
	if !elem.ReadASN1(&outer, cbasn1.Tag(3).Constructed().ContextSpecific()) || !outer.ReadASN1(&exts, cbasn1.SEQUENCE) || !outer.Empty() {
		return errors.New("extensions field is not [3] { SEQUENCE OF Extension }")
	}
	for i := 0; !exts.Empty(); i++ {
		var raw, ext, oid, value cryptobyte.String
		if !exts.ReadASN1Element(&raw, cbasn1.SEQUENCE) {
			return fmt.Errorf("extension %d is not a SEQUENCE", i)
		}
		whole := raw
		if !whole.ReadASN1(&ext, cbasn1.SEQUENCE) || !ext.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) {
			return fmt.Errorf("extension %d has no extnID", i)
		}
		if ext.PeekASN1Tag(cbasn1.BOOLEAN) {
			var crit cryptobyte.String
			ext.ReadASN1(&crit, cbasn1.BOOLEAN)
		}
		if !ext.ReadASN1(&value, cbasn1.OCTET_STRING) || !ext.Empty() {
			return fmt.Errorf("extension %d (%s) has a malformed extnValue", i, oidString(oid))
		}
		if string(oid) == oidPoison {
			p.hasPoison = true
		}
		p.exts = append(p.exts, extension{oid: string(oid), value: value, raw: raw})
	}
	return nil
}

func oidString(content []byte) string {
	var o asn1.ObjectIdentifier
	b := cryptobyte.NewBuilder(nil)
	b.AddASN1(cbasn1.OBJECT_IDENTIFIER, func(b *cryptobyte.Builder) { b.AddBytes(content) })
	der, err := b.Bytes()
	if err != nil {
		return fmt.Sprintf("%x", content)
	}
	if _, err := asn1.Unmarshal(der, &o); err != nil {
		return fmt.Sprintf("%x", content)
	}
	return o.String()
}

// names reads the SAN dNSNames and the subject's CNs. Any SAN extension
// that does not parse is an error: the certificate could name anything.
func (p *tbsParts) names() ([]string, error) {
	var out []string
	add := func(n string) {
		n = lowerKeepRaw(n)
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	for _, e := range p.exts {
		if e.oid != oidSAN {
			continue
		}
		v := e.value
		var gns cryptobyte.String
		if !v.ReadASN1(&gns, cbasn1.SEQUENCE) || !v.Empty() {
			return nil, errors.New("subjectAltName is not a SEQUENCE OF GeneralName")
		}
		for !gns.Empty() {
			var gn cryptobyte.String
			var tag cbasn1.Tag
			if !gns.ReadAnyASN1(&gn, &tag) {
				return nil, errors.New("subjectAltName has a malformed GeneralName")
			}
			if tag == cbasn1.Tag(2).ContextSpecific() {
				add(string(gn))
			}
		}
	}
	cns, err := commonNames(p.subject)
	if err != nil {
		return nil, err
	}
	for _, cn := range cns {
		add(cn)
	}
	return out, nil
}

// commonNames reads every CN attribute of a Name.
func commonNames(name cryptobyte.String) ([]string, error) {
	var rdns cryptobyte.String
	if !name.ReadASN1(&rdns, cbasn1.SEQUENCE) {
		return nil, errors.New("subject is not a SEQUENCE OF RelativeDistinguishedName")
	}
	var out []string
	for !rdns.Empty() {
		var set cryptobyte.String
		if !rdns.ReadASN1(&set, cbasn1.SET) {
			return nil, errors.New("subject has an RDN that is not a SET")
		}
		for !set.Empty() {
			var atv, oid, val cryptobyte.String
			var tag cbasn1.Tag
			if !set.ReadASN1(&atv, cbasn1.SEQUENCE) || !atv.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) || !atv.ReadAnyASN1(&val, &tag) {
				return nil, errors.New("subject has a malformed AttributeTypeAndValue")
			}
			if string(oid) == oidCommonName {
				out = append(out, decodeString(tag, val))
			}
		}
	}
	return out, nil
}

// decodeString turns an ASN.1 string into Go text. BMPString and
// UniversalString are converted from UTF-16 and UTF-32; every other type
// is kept as its bytes, so nothing logged is lost.
func decodeString(tag cbasn1.Tag, b []byte) string {
	switch tag {
	case cbasn1.Tag(30): // BMPString
		if len(b)%2 == 0 {
			u := make([]uint16, len(b)/2)
			for i := range u {
				u[i] = binary.BigEndian.Uint16(b[2*i:])
			}
			return string(utf16.Decode(u))
		}
	case cbasn1.Tag(28): // UniversalString
		if len(b)%4 == 0 {
			var sb strings.Builder
			for i := 0; i < len(b); i += 4 {
				sb.WriteRune(rune(binary.BigEndian.Uint32(b[i:])))
			}
			return sb.String()
		}
	}
	return string(b)
}

// lowerKeepRaw lowercases valid UTF-8; in anything else only ASCII letters
// change, so the bytes that made it invalid stay as logged.
func lowerKeepRaw(s string) string {
	if utf8.ValidString(s) {
		return strings.ToLower(s)
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// tbsFor returns the TBSCertificate element of der.
func tbsFor(der []byte, precert bool) ([]byte, error) {
	if precert {
		return der, nil
	}
	return splitCert(der)
}

// CheapNames returns the names ParseCert would, by walking the DER to the
// subject and the SAN extension only: the monitor's prefilter, run on
// every log entry.
func CheapNames(der []byte, precert bool) ([]string, error) {
	tbs, err := tbsFor(der, precert)
	if err != nil {
		return nil, err
	}
	p, err := walkTBS(tbs)
	if err != nil {
		return nil, err
	}
	return p.names()
}

// ParseCert parses a logged entry: der is a Certificate, or with precert a
// TBSCertificate as a precertificate entry holds it. A field that does not
// parse is recorded in ParseErrors; ParseCert fails only when the names or
// the key cannot be read, since then the certificate cannot be judged.
func ParseCert(der []byte, precert bool) (*Cert, error) {
	kind := "certificate"
	if precert {
		kind = "precertificate TBSCertificate"
	}
	tbs, err := tbsFor(der, precert)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	p, err := walkTBS(tbs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	names, err := p.names()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", kind, err)
	}
	c := &Cert{
		Names:       names,
		SPKISHA256:  hexSHA256(p.spki),
		TBSSHA256:   hexSHA256(p.dedupTBS(tbs)),
		CertSHA256:  hexSHA256(der),
		ParseErrors: map[string]string{},
		DER:         slices.Clone(der),
		Precert:     precert || p.hasPoison,
	}
	if c.Subject, err = dnString(p.subject); err != nil {
		c.ParseErrors["SUBJECT_DN"] = err.Error()
	}
	if c.Issuer, err = dnString(p.issuer); err != nil {
		c.ParseErrors["ISSUER_DN"] = err.Error()
	}
	var serial big.Int
	if s := p.serial; !s.ReadASN1Integer(&serial) || !s.Empty() {
		c.ParseErrors["SERIAL"] = fmt.Sprintf("serialNumber %x is not a DER INTEGER", []byte(p.serial))
	} else {
		c.Serial = fmt.Sprintf("%x", &serial)
	}
	c.parseValidity(p.validity)
	return c, nil
}

func (c *Cert) parseValidity(v cryptobyte.String) {
	var seq cryptobyte.String
	if !v.ReadASN1(&seq, cbasn1.SEQUENCE) {
		msg := "validity is not a SEQUENCE"
		c.ParseErrors["NOT_BEFORE"], c.ParseErrors["NOT_AFTER"] = msg, msg
		return
	}
	for _, f := range []struct {
		key, field string
		t          *time.Time
	}{{"NOT_BEFORE", "notBefore", &c.NotBefore}, {"NOT_AFTER", "notAfter", &c.NotAfter}} {
		var t time.Time
		var ok bool
		switch {
		case seq.PeekASN1Tag(cbasn1.UTCTime):
			ok = seq.ReadASN1UTCTime(&t)
		case seq.PeekASN1Tag(cbasn1.GeneralizedTime):
			ok = seq.ReadASN1GeneralizedTime(&t)
		}
		if !ok {
			c.ParseErrors[f.key] = f.field + " is not a valid UTCTime or GeneralizedTime"
			var skip cryptobyte.String
			var tag cbasn1.Tag
			seq.ReadAnyASN1Element(&skip, &tag)
			continue
		}
		*f.t = t.UTC()
	}
}

// dnString formats a Name as crypto/x509 does (RFC 2253 style).
func dnString(raw []byte) (string, error) {
	var seq pkix.RDNSequence
	rest, err := asn1.Unmarshal(raw, &seq)
	if err != nil {
		return "", fmt.Errorf("name %x does not parse: %v", raw, err)
	}
	if len(rest) > 0 {
		return "", fmt.Errorf("name has %d trailing bytes", len(rest))
	}
	var n pkix.Name
	n.FillFromRDNSequence(&seq)
	return n.String(), nil
}

// dedupTBS re-encodes the TBSCertificate without the poison and SCT list
// extensions, dropping the extensions field if nothing else is left in it.
func (p *tbsParts) dedupTBS(orig []byte) []byte {
	if p.extsIndex < 0 {
		return orig
	}
	b := cryptobyte.NewBuilder(nil)
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for i, e := range p.elems {
			if i != p.extsIndex {
				b.AddBytes(e)
				continue
			}
			var kept [][]byte
			for _, x := range p.exts {
				if x.oid != oidPoison && x.oid != oidSCTList {
					kept = append(kept, x.raw)
				}
			}
			if len(kept) == 0 {
				continue
			}
			b.AddASN1(cbasn1.Tag(3).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					for _, k := range kept {
						b.AddBytes(k)
					}
				})
			})
		}
	})
	out, err := b.Bytes()
	if err != nil {
		return orig
	}
	return out
}

func hexSHA256(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
