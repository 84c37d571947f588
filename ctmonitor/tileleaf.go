package ctmonitor

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	"golang.org/x/crypto/cryptobyte"
)

// A data tile (C2SP static-ct-api, "Log Entries") is the concatenation of
// up to 256 TileLeaf structures:
//
//	struct {
//	    TimestampedEntry timestamped_entry;
//	    select (entry_type) {
//	        case x509_entry: Fingerprint certificate_chain<0..2^16-1>;
//	        case precert_entry: PreCertExtraData;
//	    };
//	} TileLeaf;
//
//	struct {
//	    ASN.1Cert pre_certificate;
//	    Fingerprint precertificate_chain<0..2^16-1>;
//	} PreCertExtraData;
//
// The TimestampedEntry is RFC 6962's (§3.4), and its extensions carry the
// leaf_index extension: type 0 (one byte), five bytes of big-endian index.

// maxTileBytes bounds a data tile, compressed or not: 256 entries of
// certificates far larger than any CA issues.
const maxTileBytes = 64 << 20

// tileLeaf is one parsed TileLeaf.
type tileLeaf struct {
	Timestamp uint64
	Precert   bool
	// Cert is the x509_entry certificate, or the precert_entry
	// TBSCertificate.
	Cert []byte
	// IssuerKeyHash is the precert_entry's issuer_key_hash.
	IssuerKeyHash [32]byte
	// Extensions are the TimestampedEntry's CtExtensions, as hashed.
	Extensions []byte
	// Index is the leaf_index extension's value.
	Index uint64
	// PreCertificate is the precertificate as submitted (precert only).
	PreCertificate []byte
	// Chain holds the sha256 fingerprints of the issuers, first the
	// certificate's own issuer.
	Chain [][32]byte
}

// Entry types (RFC 6962 §3.1).
const (
	x509Entry    = 0
	precertEntry = 1
)

// parseDataTile parses the count leaves of the data tile that starts at
// entry first, checking each leaf_index extension against the leaf's
// position. A gzip-compressed tile is accepted. Errors name the entry
// index.
func parseDataTile(data []byte, first uint64, count int) ([]tileLeaf, error) {
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		raw, err := io.ReadAll(io.LimitReader(zr, maxTileBytes+1))
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		if len(raw) > maxTileBytes {
			return nil, fmt.Errorf("gzip: more than %d bytes uncompressed", maxTileBytes)
		}
		data = raw
	}
	s := cryptobyte.String(data)
	leaves := make([]tileLeaf, 0, count)
	for i := range count {
		idx := first + uint64(i)
		l, err := readTileLeaf(&s)
		if err != nil {
			return nil, fmt.Errorf("entry %d: %w", idx, err)
		}
		if l.Index != idx {
			return nil, fmt.Errorf("entry %d: leaf_index extension says %d", idx, l.Index)
		}
		leaves = append(leaves, l)
	}
	if !s.Empty() {
		return nil, fmt.Errorf("%d bytes after the last of %d entries", len(s), count)
	}
	return leaves, nil
}

var errTruncated = errors.New("truncated or malformed TileLeaf")

func readTileLeaf(s *cryptobyte.String) (tileLeaf, error) {
	var l tileLeaf
	var entryType uint16
	var cert, ext cryptobyte.String
	if !s.ReadUint64(&l.Timestamp) || !s.ReadUint16(&entryType) {
		return l, errTruncated
	}
	switch entryType {
	case x509Entry:
		if !s.ReadUint24LengthPrefixed(&cert) || !s.ReadUint16LengthPrefixed(&ext) {
			return l, errTruncated
		}
	case precertEntry:
		l.Precert = true
		var ikh []byte
		if !s.ReadBytes(&ikh, 32) || !s.ReadUint24LengthPrefixed(&cert) || !s.ReadUint16LengthPrefixed(&ext) {
			return l, errTruncated
		}
		copy(l.IssuerKeyHash[:], ikh)
		var pre cryptobyte.String
		if !s.ReadUint24LengthPrefixed(&pre) {
			return l, errTruncated
		}
		if len(pre) == 0 {
			return l, errors.New("empty pre_certificate")
		}
		l.PreCertificate = pre
	default:
		return l, fmt.Errorf("unknown entry type %d", entryType)
	}
	if len(cert) == 0 {
		return l, errors.New("empty certificate")
	}
	l.Cert, l.Extensions = cert, ext
	var chain cryptobyte.String
	if !s.ReadUint16LengthPrefixed(&chain) || len(chain)%32 != 0 {
		return l, errTruncated
	}
	for len(chain) > 0 {
		var fp [32]byte
		copy(fp[:], chain[:32])
		l.Chain = append(l.Chain, fp)
		chain = chain[32:]
	}
	idx, err := leafIndex(ext)
	if err != nil {
		return l, err
	}
	l.Index = idx
	return l, nil
}

// leafIndex finds the one leaf_index extension among ext, which may
// hold others.
func leafIndex(ext cryptobyte.String) (uint64, error) {
	var idx uint64
	found := false
	var seen [256]bool
	for !ext.Empty() {
		var typ uint8
		var data cryptobyte.String
		if !ext.ReadUint8(&typ) || !ext.ReadUint16LengthPrefixed(&data) {
			return 0, errors.New("malformed CtExtensions")
		}
		// static-ct-api, "SCT Extension": no type twice.
		if seen[typ] {
			return 0, fmt.Errorf("extension type %d twice", typ)
		}
		seen[typ] = true
		if typ != 0 {
			continue
		}
		if len(data) != 5 {
			return 0, fmt.Errorf("leaf_index extension of %d bytes, want 5", len(data))
		}
		found = true
		for _, b := range data {
			idx = idx<<8 | uint64(b)
		}
	}
	if !found {
		return 0, errNoLeafIndex
	}
	return idx, nil
}

var errNoLeafIndex = errors.New("no leaf_index extension")

// merkleTreeLeaf is the leaf's RFC 6962 §3.4 MerkleTreeLeaf: version v1
// (0), leaf_type timestamped_entry (0), then the TimestampedEntry.
func (l *tileLeaf) merkleTreeLeaf() []byte {
	b := make([]byte, 0, 2+8+2+32+3+len(l.Cert)+2+len(l.Extensions))
	b = append(b, 0, 0)
	b = binary.BigEndian.AppendUint64(b, l.Timestamp)
	if l.Precert {
		b = binary.BigEndian.AppendUint16(b, precertEntry)
		b = append(b, l.IssuerKeyHash[:]...)
	} else {
		b = binary.BigEndian.AppendUint16(b, x509Entry)
	}
	// Lengths fit: both were read through prefixes of these widths.
	n := len(l.Cert)
	b = append(b, byte(n>>16), byte(n>>8), byte(n))
	b = append(b, l.Cert...)
	b = binary.BigEndian.AppendUint16(b, uint16(len(l.Extensions)))
	return append(b, l.Extensions...)
}

// leafHash is sha256(0x00 || MerkleTreeLeaf) (RFC 6962 §2.1).
func (l *tileLeaf) leafHash() [32]byte {
	h := sha256.New()
	h.Write([]byte{0})
	h.Write(l.merkleTreeLeaf())
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// entry is the leaf as the monitor sees it.
func (l *tileLeaf) entry() Entry {
	return Entry{
		Index: l.Index, LeafHash: l.leafHash(), Precert: l.Precert, Cert: bytes.Clone(l.Cert),
		Timestamp: time.UnixMilli(int64(l.Timestamp)),
	}
}
