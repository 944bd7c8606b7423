package schema

import (
	"strings"
	"testing"
)

func TestAllLoad(t *testing.T) {
	all := All()
	if len(all) != len(formats) {
		t.Fatalf("loaded %d schemas, want %d", len(all), len(formats))
	}
	for _, s := range all {
		if s.Elements[s.Root] == nil {
			t.Errorf("%s: root %q not declared", s.Name, s.Root)
		}
	}
}

// TestPrintRoundTrip checks that the printed DTD is the model: parsing it again
// and printing gives the same text.
func TestPrintRoundTrip(t *testing.T) {
	for _, s := range All() {
		var first strings.Builder
		if err := s.WriteDTD(&first); err != nil {
			t.Fatal(err)
		}
		again, err := Parse(s.Name, s.Root, s.Path, first.String())
		if err != nil {
			t.Errorf("%s: printed DTD does not parse: %v", s.Name, err)
			continue
		}
		var second strings.Builder
		again.WriteDTD(&second)
		if first.String() != second.String() {
			t.Errorf("%s: printing the reparsed DTD changes it", s.Name)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, reason, src, want string
	}{
		{"twice", "a DTD declares an element once", "<!ELEMENT R (#PCDATA)><!ELEMENT R EMPTY>",
			"declared twice"},
		{"not deterministic", "XML requires deterministic content models",
			"<!ELEMENT R ((A, B) | (A, C))><!ELEMENT A EMPTY><!ELEMENT B EMPTY><!ELEMENT C EMPTY>",
			"not deterministic"},
		{"undeclared child", "every name a model uses must be declared", "<!ELEMENT R (A)>",
			"undeclared element"},
		{"type before nothing", "a type must name a declared element",
			`<!ELEMENT R (#PCDATA)><?qx type X int?>`, "undeclared element"},
		{"type on children", "only text content has a type",
			`<!ELEMENT R (A)><!ELEMENT A EMPTY><?qx type R int?>`, "not (#PCDATA)"},
		{"unknown kind", "types come from a fixed list",
			`<!ELEMENT R (#PCDATA)><?qx type R float?>`, "known kind"},
		{"enum without values", "an enum lists its values",
			`<!ELEMENT R (#PCDATA)><?qx type R enum?>`, "only an enum takes values"},
		{"unknown source", "sources are printed, sample or inferred",
			`<?qx source rumour?><!ELEMENT R EMPTY>`, "unknown source"},
		{"mixed without star", "mixed content with names ends in )*",
			"<!ELEMENT R (#PCDATA | A)><!ELEMENT A EMPTY>", "needs"},
		{"attlist first", "attributes belong to a declared element",
			`<!ATTLIST R a CDATA #IMPLIED><!ELEMENT R EMPTY>`, "undeclared element"},
		{"no root", "the root must be declared", "<!ELEMENT X EMPTY>", "root element"},
	}
	for _, tt := range tests {
		_, err := Parse("test", "R", "/test.dtd", tt.src)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %s: got error %v, want one containing %q",
				tt.name, tt.reason, err, tt.want)
		}
	}
}

func TestAutomaton(t *testing.T) {
	src := `<!ELEMENT R (A, (B | C)*, D?)>
<!ELEMENT A EMPTY><!ELEMENT B EMPTY><!ELEMENT C EMPTY><!ELEMENT D EMPTY>`
	s, err := Parse("test", "R", "/test.dtd", src)
	if err != nil {
		t.Fatal(err)
	}
	r := s.Elements["R"]
	tests := []struct {
		children string
		ok       bool
		reason   string
	}{
		{"A", true, "the starred group and D may be absent"},
		{"A B C B D", true, "B and C repeat in any order before D"},
		{"", false, "A is required"},
		{"B", false, "A comes first"},
		{"A D B", false, "nothing follows D"},
		{"A D D", false, "D occurs at most once"},
	}
	for _, tt := range tests {
		st, ok := int32(0), true
		for _, c := range strings.Fields(tt.children) {
			if st = r.Step(st, s.Elements[c]); st < 0 {
				ok = false
				break
			}
		}
		ok = ok && r.Final(st)
		if ok != tt.ok {
			t.Errorf("children %q: accepted %v, want %v: %s", tt.children, ok, tt.ok, tt.reason)
		}
	}
	if got, want := r.Expected(0), `"A"`; got != want {
		t.Errorf("expected at start = %s, want %s", got, want)
	}
}

func TestTypes(t *testing.T) {
	tests := []struct {
		kind   string
		values []string
		value  string
		ok     bool
		reason string
	}{
		{"int", nil, " 42\n", true, "white space around a value is trimmed"},
		{"int", nil, "-1", false, "ids have no sign"},
		{"int", nil, "", false, "an empty id is no integer"},
		{"int", nil, "12345678901234567890", false, "more than 19 digits overflows"},
		{"int", nil, strings.Repeat("1", MaxValueLen+1), false, "longer than any value"},
		{"flag", nil, "1", true, "a flag is 0 or 1"},
		{"flag", nil, "true", false, "words are not flags"},
		{"datetime", nil, "2019-07-09T08:20:59Z", true, "the form Qualys writes"},
		{"datetime", nil, "2020-02-29T00:00:00Z", true, "a leap day"},
		{"datetime", nil, "2019-02-29T00:00:00Z", false, "not a leap year"},
		{"datetime", nil, "2019-07-09 08:20:59", false, "a space instead of T and no Z"},
		{"datetime", nil, "2019-07-09T08:20:59+00:00", false, "an offset instead of Z"},
		{"datetime", nil, "2019-07-09T24:00:00Z", false, "hour 24"},
		{"enum", []string{"Passed", "Failed"}, "Passed", true, "a listed value"},
		{"enum", []string{"Passed", "Failed"}, "passed", false, "enumerations are case-sensitive"},
		{"ip", nil, "10.10.26.134", true, "IPv4"},
		{"ip", nil, "fe80::1", true, "IPv6"},
		{"ip", nil, "10.10.26.300", false, "an octet over 255"},
		{"iprange", nil, "10.0.0.1-10.0.0.9", true, "a range in order"},
		{"iprange", nil, "10.0.0.9-10.0.0.1", false, "a range backwards"},
		{"iprange", nil, "10.0.0.1-fe80::1", false, "a range across families"},
	}
	for _, tt := range tests {
		ty := &Type{Kind: tt.kind, Values: tt.values, check: kinds[tt.kind]}
		msg := ty.Check([]byte(tt.value))
		if (msg == "") != tt.ok {
			t.Errorf("%s %q: problem %q, want ok=%v: %s", tt.kind, tt.value, msg, tt.ok, tt.reason)
		}
	}
}

func TestBySystemID(t *testing.T) {
	tests := []struct{ id, want, reason string }{
		{"https://qualysapi.qualys.com/api/2.0/batch_return.dtd", "batch_return", "US platform 1"},
		{"https://qualysapi.qg2.apps.qualys.eu/api/2.0/fo/compliance/posture/info/" +
			"posture_info_list_output.dtd",
			"posture_info_list_output", "any platform host"},
		{"https://qualysapi.example.org/api/2.0/../2.0/simple_return.dtd", "simple_return",
			"the path is cleaned"},
		{"posture_info_list_output.dtd", "posture_info_list_output",
			"a local file of the same name"},
		{"https://qualysapi.qualys.com/api/2.0/fo/auth/windows/auth_windows_list_output.dtd", "",
			"a format without a model"},
	}
	for _, tt := range tests {
		got := ""
		if s := BySystemID([]byte(tt.id)); s != nil {
			got = s.Name
		}
		if got != tt.want {
			t.Errorf("BySystemID(%q) = %q, want %q: %s", tt.id, got, tt.want, tt.reason)
		}
	}
}
