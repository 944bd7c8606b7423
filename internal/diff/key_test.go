package diff

import (
	"bytes"
	"testing"
)

func TestKeyOrder(t *testing.T) {
	tests := []struct {
		name   string
		reason string
		a, b   Key
		want   int
	}{
		{"numeric host", "host IDs order by value, not by text", Key{Host: "9"},
			Key{Host: "10"}, -1},
		{"leading zero", "a number with a leading zero is text, after every number",
			Key{Host: "010"}, Key{Host: "99999999999"}, 1},
		{"host first", "the host decides before the control", Key{Host: "1", Control: "9"},
			Key{Host: "2", Control: "1"}, -1},
		{"control by value", "control IDs order by value", Key{Host: "1", Control: "1048"},
			Key{Host: "1", Control: "11223"}, -1},
		{"ipv4 by address", "policy report hosts order by address",
			Key{Host: "10.10.30.9"}, Key{Host: "10.10.30.46"}, -1},
		{"ipv4 before ipv6", "address families order v4 first", Key{Host: "10.0.0.1"},
			Key{Host: "fd00::1"}, -1},
		{"instance text", "instances order as text", Key{Instance: "oracle19:1:1521:ORCL"},
			Key{Instance: "oracle19:1:1522:HR"}, -1},
		{"empty instance", "no instance sorts before any instance", Key{},
			Key{Instance: "os"}, -1},
		{"equal", "identical keys compare equal", Key{"1", "2", "3", "os"},
			Key{"1", "2", "3", "os"}, 0},
		{"uint64 overflow", "a number beyond 64 bits is text",
			Key{Host: "18446744073709551616"}, Key{Host: "18446744073709551615"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Compare(tt.b); got != tt.want {
				t.Errorf("Compare = %d, want %d (%s)", got, tt.want, tt.reason)
			}
		})
	}
}

func TestKeyRoundTrip(t *testing.T) {
	keys := []Key{
		{"686176", "1045", "12", "os"},
		{"0", "18446744073709551615", "007", ""},
		{"10.10.30.46", "1045", "12", "oracle19:1:1521:ORCL"},
		{"fd00:10:10::25", "x", "y", "z"},
		{"FD00::25", "1", "2", "non-canonical IPv6 text stays text"},
		{"fe80::1%eth0", "1", "2", "an address with a zone stays text"},
		{"host name", "", "", "é ünïcode"},
	}
	for _, k := range keys {
		enc := k.append(nil)
		got, err := decodeKey(enc)
		if err != nil || got != k {
			t.Errorf("decodeKey(encode(%+v)) = %+v, %v", k, got, err)
		}
		if h := hostPart(enc); !bytes.Equal(h, appendField(nil, []byte(k.Host), true)) {
			t.Errorf("hostPart of %+v = %x", k, h)
		}
	}
}

func FuzzKey(f *testing.F) {
	f.Add("686176", "1045", "12", "os")
	f.Add("10.10.30.46", "0", "", "")
	f.Fuzz(func(t *testing.T, h, c, tech, inst string) {
		if bytes.IndexByte([]byte(h+c+tech+inst), 0) >= 0 {
			return // XML text holds no NUL
		}
		k := Key{h, c, tech, inst}
		got, err := decodeKey(k.append(nil))
		if err != nil || got != k {
			t.Errorf("round trip of %q = %q, %v", k, got, err)
		}
	})
}
