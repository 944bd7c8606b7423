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
}

// MaxValueLen is the longest value any [Type] accepts; longer text need not be kept.
const MaxValueLen = 256

var kinds = map[string]func(t *Type, v string) string{
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
		return fmt.Sprintf("value of %d bytes is too long for %s", len(v), t.describe())
	}
	return kinds[t.Kind](t, string(v))
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

func bad(t *Type, v string) string {
	return fmt.Sprintf("value %q is not %s", v, t.describe())
}

func checkInt(t *Type, v string) string {
	if v == "" || len(v) > 19 || strings.Trim(v, "0123456789") != "" {
		return bad(t, v)
	}
	return ""
}

func checkFlag(t *Type, v string) string {
	if v != "0" && v != "1" {
		return bad(t, v)
	}
	return ""
}

func checkDateTime(t *Type, v string) string {
	if len(v) != len("2006-01-02T15:04:05Z") {
		return bad(t, v)
	}
	if _, err := time.Parse("2006-01-02T15:04:05Z", v); err != nil {
		return bad(t, v)
	}
	return ""
}

func checkEnum(t *Type, v string) string {
	for _, e := range t.Values {
		if v == e {
			return ""
		}
	}
	return bad(t, v)
}

func checkIP(t *Type, v string) string {
	if _, err := netip.ParseAddr(v); err != nil || strings.Contains(v, "%") {
		return bad(t, v)
	}
	return ""
}

func checkIPRange(t *Type, v string) string {
	lo, hi, ok := strings.Cut(v, "-")
	a, err1 := netip.ParseAddr(strings.TrimSpace(lo))
	b, err2 := netip.ParseAddr(strings.TrimSpace(hi))
	if !ok || err1 != nil || err2 != nil || a.Is4() != b.Is4() || b.Less(a) {
		return bad(t, v)
	}
	return ""
}

// ParseTime reads a date-time as Qualys writes it.
func ParseTime(v []byte) (time.Time, bool) {
	t, err := time.Parse("2006-01-02T15:04:05Z", string(bytes.TrimSpace(v)))
	return t, err == nil
}
