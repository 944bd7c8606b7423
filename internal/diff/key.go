package diff

import (
	"bytes"
	"encoding/binary"
	"errors"
	"net/netip"
	"strconv"
)

// Key identifies a record within an export: the host, control, technology and
// instance it is about. Each field holds the trimmed text of the export.
type Key struct {
	Host       string // HOST_ID in a posture info list, the host's IP in a policy report
	Control    string // CONTROL_ID, or CID
	Technology string // TECHNOLOGY_ID, or TECHNOLOGY/ID
	Instance   string // INSTANCE; an absent and an empty instance are the same
}

// Compare orders keys as every report lists them: by host, control, technology
// and instance, numbers by value and before any other text, IP addresses by
// address.
func (k Key) Compare(o Key) int {
	return bytes.Compare(k.append(nil), o.append(nil))
}

// Keys are encoded so that comparing the bytes orders the keys: each field is
// a tag byte and a body. A number without leading zeros is tagged with the
// length of its big-endian body, so a shorter body is a smaller number; an IP
// address in its canonical text is tagged by family; any other text ends with
// a NUL byte, which XML text cannot hold.
const (
	tagNumber = 0x10 // + length of the body, 0 to 8
	tagIPv4   = 0x20
	tagIPv6   = 0x21
	tagText   = 0x30
)

// append appends the encoding of k to b.
func (k Key) append(b []byte) []byte {
	b = appendField(b, []byte(k.Host), true)
	b = appendField(b, []byte(k.Control), false)
	b = appendField(b, []byte(k.Technology), false)
	return appendField(b, []byte(k.Instance), false)
}

// appendField appends the encoding of one key field; ip allows an address.
func appendField(b, s []byte, ip bool) []byte {
	if n, ok := number(s); ok {
		var body [8]byte
		binary.BigEndian.PutUint64(body[:], n)
		size := 8 - leadingZeroBytes(n)
		b = append(b, byte(tagNumber+size))
		return append(b, body[8-size:]...)
	}
	if ip {
		if a, err := netip.ParseAddr(string(s)); err == nil && a.Zone() == "" &&
			a.String() == string(s) {
			if a.Is4() {
				v := a.As4()
				return append(append(b, tagIPv4), v[:]...)
			}
			v := a.As16()
			return append(append(b, tagIPv6), v[:]...)
		}
	}
	b = append(b, tagText)
	b = append(b, s...)
	return append(b, 0)
}

// number parses s as a decimal number written without leading zeros, the only
// form whose text the encoding gives back unchanged.
func number(s []byte) (uint64, bool) {
	if len(s) == 0 || len(s) > 20 || len(s) > 1 && s[0] == '0' {
		return 0, false
	}
	var n uint64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if n > (1<<64-1-d)/10 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}

func leadingZeroBytes(n uint64) int {
	z := 0
	for i := 7; i >= 0 && n>>(8*i)&0xff == 0; i-- {
		z++
	}
	return z
}

var errBadKey = errors.New("diff: corrupt key encoding")

// fieldLen returns the length of the encoded field at the start of b.
func fieldLen(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, errBadKey
	}
	n := 0
	switch t := b[0]; {
	case t >= tagNumber && t <= tagNumber+8:
		n = 1 + int(t-tagNumber)
	case t == tagIPv4:
		n = 5
	case t == tagIPv6:
		n = 17
	case t == tagText:
		i := bytes.IndexByte(b, 0)
		if i < 0 {
			return 0, errBadKey
		}
		n = i + 1
	default:
		return 0, errBadKey
	}
	if n > len(b) {
		return 0, errBadKey
	}
	return n, nil
}

// hostPart returns the encoded host field at the start of an encoded key.
func hostPart(key []byte) []byte {
	n, err := fieldLen(key)
	if err != nil {
		return key
	}
	return key[:n]
}

// decodeField returns the text of the encoded field at the start of b and
// the rest of b.
func decodeField(b []byte) (string, []byte, error) {
	n, err := fieldLen(b)
	if err != nil {
		return "", nil, err
	}
	body := b[1:n]
	switch t := b[0]; {
	case t >= tagNumber && t <= tagNumber+8:
		var v uint64
		for _, c := range body {
			v = v<<8 | uint64(c)
		}
		return strconv.FormatUint(v, 10), b[n:], nil
	case t == tagIPv4:
		return netip.AddrFrom4([4]byte(body)).String(), b[n:], nil
	case t == tagIPv6:
		return netip.AddrFrom16([16]byte(body)).String(), b[n:], nil
	}
	return string(body[:len(body)-1]), b[n:], nil
}

// decodeKey returns the key encoded in b, which must hold exactly one key.
func decodeKey(b []byte) (Key, error) {
	var k Key
	var err error
	for _, f := range []*string{&k.Host, &k.Control, &k.Technology, &k.Instance} {
		if *f, b, err = decodeField(b); err != nil {
			return Key{}, err
		}
	}
	if len(b) != 0 {
		return Key{}, errBadKey
	}
	return k, nil
}
