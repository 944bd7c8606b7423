package schema

import (
	"bytes"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Type is the type of an element's text or an attribute's value.
type Type struct {
	Kind   string   // int, flag, datetime, enum, ip or iprange
	Values []string // the values of an enum
	Source Source
	check  func(t *Type, v []byte) string
}

// MaxValueLen is the longest value any [Type] accepts; longer text need not be kept.
const MaxValueLen = 256

var kinds = map[string]func(t *Type, v []byte) string{
	"int":      checkInt,
	"flag":     checkFlag,
	"datetime": checkDateTime,
	"enum":     checkEnum,
	"ip":       checkIP,
	"iprange":  checkIPRange,
}

// Check checks a value, trimmed of surrounding white space, and returns what is
// wrong with it, or "" when it is fine.
func (t *Type) Check(v []byte) string {
	v = bytes.TrimSpace(v)
	if len(v) > MaxValueLen {
		// Callers need not keep more than MaxValueLen bytes, so len(v) may be
		// less than the length of the value.
		return fmt.Sprintf("value of more than %d bytes is too long for %s", MaxValueLen,
			t.describe())
	}
	return t.check(t, v)
}

// String renders the type as in a qx type instruction.
func (t *Type) String() string {
	if t.Kind != "enum" {
		return t.Kind
	}
	q := make([]string, len(t.Values))
	for i, v := range t.Values {
		q[i] = strconv.Quote(v)
	}
	return "enum " + strings.Join(q, " ")
}

func (t *Type) describe() string {
	switch t.Kind {
	case "int":
		return "an integer"
	case "flag":
		return `a flag ("0" or "1")`
	case "datetime":
		return "a UTC date-time (YYYY-MM-DDTHH:MM:SSZ)"
	case "ip":
		return "an IP address"
	case "iprange":
		return "an IP range (ADDR-ADDR)"
	}
	q := make([]string, len(t.Values))
	for i, v := range t.Values {
		q[i] = strconv.Quote(v)
	}
	return "one of " + strings.Join(q, ", ")
}

func bad(t *Type, v []byte) string {
	return fmt.Sprintf("value %q is not %s", v, t.describe())
}

func checkInt(t *Type, v []byte) string {
	if len(v) == 0 || len(v) > 19 {
		return bad(t, v)
	}
	for _, c := range v {
		if c < '0' || c > '9' {
			return bad(t, v)
		}
	}
	return ""
}

func checkFlag(t *Type, v []byte) string {
	if len(v) != 1 || v[0] != '0' && v[0] != '1' {
		return bad(t, v)
	}
	return ""
}

func checkDateTime(t *Type, v []byte) string {
	if _, ok := ParseTime(v); !ok {
		return bad(t, v)
	}
	return ""
}

func checkEnum(t *Type, v []byte) string {
	for _, e := range t.Values {
		if string(v) == e {
			return ""
		}
	}
	return bad(t, v)
}

func checkIP(t *Type, v []byte) string {
	if _, err := netip.ParseAddr(string(v)); err != nil || bytes.IndexByte(v, '%') >= 0 {
		return bad(t, v)
	}
	return ""
}

func checkIPRange(t *Type, v []byte) string {
	lo, hi, ok := strings.Cut(string(v), "-")
	a, err1 := netip.ParseAddr(strings.TrimSpace(lo))
	b, err2 := netip.ParseAddr(strings.TrimSpace(hi))
	if !ok || err1 != nil || err2 != nil || a.Is4() != b.Is4() || b.Less(a) {
		return bad(t, v)
	}
	return ""
}

// ParseTime reads a date-time as Qualys writes it, YYYY-MM-DDTHH:MM:SSZ in UTC,
// after trimming white space. It accepts only real calendar dates.
func ParseTime(v []byte) (time.Time, bool) {
	v = bytes.TrimSpace(v)
	if len(v) != len("2006-01-02T15:04:05Z") || v[4] != '-' || v[7] != '-' || v[10] != 'T' ||
		v[13] != ':' || v[16] != ':' || v[19] != 'Z' {
		return time.Time{}, false
	}
	var f [6]int
	for i, at := range [6]int{0, 5, 8, 11, 14, 17} {
		n := 2
		if i == 0 {
			n = 4
		}
		for _, c := range v[at : at+n] {
			if c < '0' || c > '9' {
				return time.Time{}, false
			}
			f[i] = f[i]*10 + int(c-'0')
		}
	}
	t := time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], 0, time.UTC)
	if f[1] < 1 || f[1] > 12 || t.Day() != f[2] || f[3] > 23 || f[4] > 59 || f[5] > 59 {
		return time.Time{}, false
	}
	return t, true
}
