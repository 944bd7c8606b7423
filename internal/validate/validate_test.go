package validate

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"qx/schema"
)

// testModel is a small format exercising every kind of declaration.
const testModel = `<!ELEMENT R (HEAD?, ITEM+)>
<!ELEMENT HEAD (#PCDATA)>
<!ELEMENT ITEM (ID, FLAG?, NOTE?)>
<!ATTLIST ITEM kind (a | b) #REQUIRED
               logic CDATA #FIXED "OR"
               at CDATA #IMPLIED>
<?qx type ITEM@at datetime?>
<!ELEMENT ID (#PCDATA)>
<?qx type ID int?>
<!ELEMENT FLAG (#PCDATA)>
<?qx type ITEM/FLAG flag?>
<?qx source inferred?>
<!ELEMENT NOTE (#PCDATA | B)*>
<!ELEMENT B EMPTY>
`

func findings(t *testing.T, doc string) []string {
	t.Helper()
	s, err := schema.Parse("test", "R", "/test.dtd", testModel)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Validate(strings.NewReader(doc), Options{Schema: s})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%v %s %s %s", f.Pos, f.Severity, f.ID, f.Path))
	}
	return out
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name, reason, doc string
		want              []string
	}{
		{"valid", "a document that follows the model has no findings",
			`<R><HEAD>x</HEAD><ITEM kind="a"><ID> 7 </ID><FLAG>1</FLAG>` +
				`<NOTE>t<B/></NOTE></ITEM></R>`,
			nil},
		{"missing child", "a required child that never comes is reported at the parent",
			`<R><ITEM kind="a"></ITEM></R>`,
			[]string{"1:4 error content-model /R/ITEM"}},
		{"out of order", "one finding per parent, then the next element is checked",
			`<R><ITEM kind="a"><FLAG>1</FLAG><ID>1</ID></ITEM><ITEM kind="b"><ID>x</ID></ITEM></R>`,
			[]string{"1:4 error content-model /R/ITEM", "1:65 error bad-value /R/ITEM/ID"}},
		{"undeclared", "an unknown element is reported, and its parent's model fails",
			`<R><ITEM kind="a"><ID>1</ID><X/></ITEM></R>`,
			[]string{"1:4 error content-model /R/ITEM[ID='1']",
				"1:29 error undeclared-element /R/ITEM[ID='1']/X"}},
		{"text in element content", "text in element-only content is reported once",
			`<R>oops<ITEM kind="a"><ID>1</ID></ITEM>again</R>`,
			[]string{"1:4 error text-not-allowed /R"}},
		{"attributes", "missing required, fixed mismatch, bad enum, bad typed value, undeclared",
			`<R><ITEM logic="AND" at="yesterday" x="1"><ID>1</ID></ITEM>` +
				`<ITEM kind="c"><ID>2</ID></ITEM></R>`,
			[]string{"1:4 error bad-attribute /R/ITEM/@logic", "1:4 error bad-value /R/ITEM/@at",
				"1:4 error undeclared-attribute /R/ITEM/@x", "1:4 error missing-attribute /R/ITEM",
				"1:60 error bad-attribute /R/ITEM/@kind"}},
		{"inferred is a warning", "a finding only an inferred declaration raises is a warning",
			`<R><ITEM kind="a"><ID>1</ID><NOTE><ID>1</ID></NOTE></ITEM></R>`,
			[]string{"1:29 warning content-model /R/ITEM[ID='1']/NOTE"}},
		{"empty element", "EMPTY allows no content at all",
			`<R><ITEM kind="a"><ID>1</ID><NOTE><B> </B></NOTE></ITEM></R>`,
			[]string{"1:38 warning text-not-allowed /R/ITEM[ID='1']/NOTE/B"}},
		{"keys in paths", "an element is named by its ID child in the paths below it",
			`<R><ITEM kind="a"><ID>7</ID><FLAG>2</FLAG></ITEM>` +
				`<ITEM kind="a"><ID>8</ID><FLAG>3</FLAG></ITEM></R>`,
			[]string{"1:29 error bad-value /R/ITEM[ID='7']/FLAG",
				"1:75 error bad-value /R/ITEM[ID='8']/FLAG"}},
		{"wrong root", "a forced format whose root differs is reported and not checked further",
			`<X><Y/></X>`,
			[]string{"1:1 error wrong-root /X"}},
		{"not well-formed", "a fatal scanner error ends the checks with a finding",
			`<R><ITEM kind="a"><ID>1</ID></R>`,
			[]string{"1:29 error not-well-formed /R/ITEM[ID='1']"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findings(t, tt.doc)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, diff)
			}
		})
	}
}

func TestRecognise(t *testing.T) {
	const batch = `<BATCH_RETURN><RESPONSE><DATETIME>2019-08-08T07:51:48Z</DATETIME><BATCH_LIST>` +
		`<BATCH><TEXT>ok</TEXT><ID_SET><ID>1</ID></ID_SET></BATCH>` +
		`</BATCH_LIST></RESPONSE></BATCH_RETURN>`
	tests := []struct {
		name, reason, doc, schema string
		ids                       []string
	}{
		{"by root", "the root element names the format", batch, "batch_return", nil},
		{"doctype on another host", "the DOCTYPE's host does not matter",
			`<!DOCTYPE BATCH_RETURN SYSTEM ` +
				`"https://qualysapi.qg3.apps.qualys.com/api/2.0/batch_return.dtd">` + batch,
			"batch_return", nil},
		{"doctype of another format",
			"a DOCTYPE that names one format over another root is reported",
			`<!DOCTYPE SIMPLE_RETURN SYSTEM ` +
				`"https://qualysapi.qualys.com/api/2.0/simple_return.dtd">` + batch,
			"batch_return", []string{IDDoctype, IDDoctype}},
		{"unknown root", "a root that is no known format is reported", `<HELLO/>`, "",
			[]string{IDUnknownFormat}},
		{"api error", "an error reply saved as data quotes its code and text",
			`<SIMPLE_RETURN><RESPONSE><DATETIME>2019-08-08T07:51:48Z</DATETIME><CODE>1920</CODE>` +
				`<TEXT>Too many requests</TEXT></RESPONSE></SIMPLE_RETURN>`,
			"simple_return", []string{IDAPIError}},
	}
	for _, tt := range tests {
		res, err := Validate(strings.NewReader(tt.doc), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range res.Findings {
			ids = append(ids, f.ID)
		}
		name := ""
		if res.Schema != nil {
			name = res.Schema.Name
		}
		if name != tt.schema || !cmp.Equal(ids, tt.ids) {
			t.Errorf("%s: %s: got format %q, ids %v; want %q, %v", tt.name, tt.reason, name, ids,
				tt.schema, tt.ids)
		}
	}
}

func TestMaxFindings(t *testing.T) {
	doc := "<R>" + strings.Repeat(`<ITEM kind="z"><ID>1</ID></ITEM>`, 500) + "</R>"
	s, _ := schema.Parse("test", "R", "/test.dtd", testModel)
	res, _ := Validate(strings.NewReader(doc), Options{Schema: s, MaxFindings: 10})
	if len(res.Findings) != 10 || res.Dropped != 490 || res.Errors != 500 {
		t.Fatalf("kept %d, dropped %d, errors %d; want 10, 490, 500",
			len(res.Findings), res.Dropped, res.Errors)
	}
	if res.Findings[0].Pos.Col != 4 || res.Findings[9].Pos.Col >= res.Findings[0].Pos.Col+10*32 {
		t.Errorf("the kept findings must be the first by position: %v ... %v",
			res.Findings[0].Pos, res.Findings[9].Pos)
	}
	cut := doc[:len(doc)-10]
	res, _ = Validate(strings.NewReader(cut), Options{Schema: s, MaxFindings: 10})
	if last := res.Findings[len(res.Findings)-1]; len(res.Findings) != 11 ||
		last.ID != "truncated" {
		t.Errorf("the finding that stopped reading must survive the cap, got %d findings ending %v",
			len(res.Findings), last)
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		name, reason, in string
		n                int
		want             string
	}{
		{"short", "a value that fits is kept whole", "abc", 3, "abc"},
		{"ascii", "a long value is cut and the cut marked", "abcdef", 3, "abc..."},
		{"inside a character", "a cut never splits a character, so values stay UTF-8",
			"aé𝄞", 4, "aé..."},
		{"first character", "a character longer than the room leaves only the mark",
			"𝄞x", 2, "..."},
	}
	for _, tt := range tests {
		if got := string(truncate([]byte(tt.in), tt.n)); got != tt.want {
			t.Errorf("%s: truncate(%q, %d) = %q, want %q: %s", tt.name, tt.in, tt.n, got,
				tt.want, tt.reason)
		}
	}
}
