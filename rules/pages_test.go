package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"qx/internal/scan"
)

func TestIDMin(t *testing.T) {
	tests := []struct{ name, reason, url, want string }{
		{"plain", "the parameter of the next page",
			"https://qualysapi.qualys.com/api/2.0/fo/auth/jboss/?action=list&id_min=55950",
			"55950"},
		{"first", "the parameter may come first", "https://h/p/?id_min=7&action=list", "7"},
		{"none", "a URL without the parameter names no page", "https://h/p/?action=list", ""},
		{"no query", "nor does a URL without a query", "https://h/p/", ""},
		{"bad escape", "a query that does not parse still yields its id_min",
			"https://h/p/?title=100%&id_min=9", "9"},
	}
	for _, tt := range tests {
		if got := idMin(tt.url); got != tt.want {
			t.Errorf("%s: idMin(%q) = %q, want %q: %s", tt.name, tt.url, got, tt.want, tt.reason)
		}
	}
}

// page returns a JBoss list page whose first record is first ("" for none),
// ending with warning (which may be "").
func page(first, warning string) string {
	records := ""
	if first != "" {
		records = "<AUTH_JBOSS_LIST><AUTH_JBOSS><ID>" + first + "</ID><TITLE>t</TITLE>" +
			"<IP_SET><IP>10.0.0.1</IP></IP_SET><CREATED><DATETIME>2019-08-02T17:13:21Z" +
			"</DATETIME></CREATED><LAST_MODIFIED><DATETIME>2019-08-02T17:13:21Z</DATETIME>" +
			"</LAST_MODIFIED></AUTH_JBOSS></AUTH_JBOSS_LIST>\n"
	}
	return "<AUTH_JBOSS_LIST_OUTPUT><RESPONSE><DATETIME>2019-08-07T03:31:12Z</DATETIME>\n" +
		records + warning + "</RESPONSE></AUTH_JBOSS_LIST_OUTPUT>"
}

func warning(code, url string) string {
	w := "<WARNING>"
	if code != "" {
		w += "<CODE>" + code + "</CODE>"
	}
	w += "<TEXT>more</TEXT>"
	if url != "" {
		w += "<URL><![CDATA[" + url + "]]></URL>"
	}
	return w + "</WARNING>\n"
}

func TestPageFacts(t *testing.T) {
	at := func(line, col int) scan.Pos { return scan.Pos{Line: line, Col: col} }
	const wpath, jb = "/AUTH_JBOSS_LIST_OUTPUT/RESPONSE/WARNING", "AUTH_JBOSS_LIST_OUTPUT"
	tests := []struct {
		name, reason, doc string
		want              Page
	}{
		{"last page", "a page without WARNING goes on nowhere", page("55901", ""),
			Page{Root: jb, FirstID: "55901"}},
		{"truncated", "CODE 1980 and its id_min",
			page("55901", warning("1980", "https://h/?id_min=56000")),
			Page{Root: jb, FirstID: "55901",
				Truncations: []Continuation{{"56000", at(3, 1), wpath}}}},
		{"no id_min", "a truncation WARNING without id_min is kept, to be reported",
			page("55901", warning(" 1980 ", "")),
			Page{Root: jb, FirstID: "55901",
				Truncations: []Continuation{{"", at(3, 1), wpath}}}},
		{"other code", "a WARNING of another code is no truncation",
			page("55901", warning("1999", "https://h/?id_min=56000")),
			Page{Root: jb, FirstID: "55901"}},
		{"empty page", "a page without records has no first ID", page("", ""),
			Page{Root: jb}},
	}
	for _, tt := range tests {
		_, got := checkPage(t, tt.doc)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", tt.name, tt.reason, diff)
		}
	}
}

func TestPageFactsOfOtherFormats(t *testing.T) {
	batch := "<BATCH_RETURN><RESPONSE><DATETIME>2019-08-08T07:51:48Z</DATETIME><BATCH_LIST>" +
		"<BATCH><TEXT>Successfully Created</TEXT><ID_SET><ID>55838</ID></ID_SET></BATCH>" +
		"</BATCH_LIST></RESPONSE></BATCH_RETURN>"
	if _, p := checkPage(t, batch); p.FirstID != "" {
		t.Errorf("a BATCH has no ID of its own; got first ID %q from its ID_SET", p.FirstID)
	}
	doc := posture(d4, dates("Failed", "", "", "", ""), dates("Passed", "", "", "", ""))
	if _, p := checkPage(t, doc); p.FirstID != "100" {
		t.Errorf("the first ID of a posture page is its first INFO's, got %q", p.FirstID)
	}
	shuffled := strings.Replace(doc, "<ID>100</ID>", "<ID>0102</ID>", 1)
	if _, p := checkPage(t, shuffled); p.FirstID != "101" {
		t.Errorf("a page whose records are out of order starts at its smallest ID, got %q",
			p.FirstID)
	}
	named := strings.Replace(doc, "<ID>101</ID>", "<ID>x7</ID>", 1)
	if _, p := checkPage(t, named); p.FirstID != "100" {
		t.Errorf("with an ID that is no number, the first record's ID is the start, got %q",
			p.FirstID)
	}
}

func TestResolvePages(t *testing.T) {
	trunc := func(idMin string) []Continuation {
		return []Continuation{{IDMin: idMin, Pos: scan.Pos{Line: 9, Col: 5}, Path: "/R/W"}}
	}
	tests := []struct {
		name, reason string
		pages        []PageOf
		want         []string
	}{
		{"chain", "every page's successor is among the inputs", []PageOf{
			{"p1", Page{"R", "1", trunc("4")}}, {"p2", Page{"R", "4", trunc("8")}},
			{"p3", Page{"R", "8", nil}}},
			nil},
		{"order", "the order of the inputs does not matter", []PageOf{
			{"p3", Page{"R", "8", nil}}, {"p1", Page{"R", "1", trunc("4")}},
			{"p2", Page{"R", "4", trunc("8")}}},
			nil},
		{"gap", "a missing middle page is reported at the page that asks for it", []PageOf{
			{"p1", Page{"R", "1", trunc("4")}}, {"p3", Page{"R", "8", nil}}},
			[]string{"p1 9:5 4"}},
		{"no id_min", "a truncation that names no page is always reported", []PageOf{
			{"p1", Page{"R", "1", trunc("")}}, {"p2", Page{"R", "", nil}}},
			[]string{"p1 9:5 "}},
		{"leading zeros", "numeric IDs compare as numbers", []PageOf{
			{"p1", Page{"R", "1", trunc("0004")}}, {"p2", Page{"R", "4", nil}}}, nil},
		{"id inside a page", "a page must start at id_min, not merely contain it", []PageOf{
			{"p1", Page{"R", "1", trunc("5")}}, {"p2", Page{"R", "4", nil}}},
			[]string{"p1 9:5 5"}},
		{"other format", "a page of another format does not continue the export", []PageOf{
			{"p1", Page{"R", "1", trunc("4")}}, {"p2", Page{"S", "4", nil}}},
			[]string{"p1 9:5 4"}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range ResolvePages(tt.pages) {
			got = append(got, f.File+" "+f.Pos.String()+" "+f.Value)
			if f.ID != IDPageMissing || !strings.HasPrefix(f.Msg, "truncated page") {
				t.Errorf("%s: finding %+v is not a page-missing finding", tt.name, f)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", tt.name, tt.reason, diff)
		}
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		name, reason, in string
		ok               bool
	}{
		{"plain", "the Qualys layout", "2019-07-09T08:20:59Z", true},
		{"leap day", "a real leap day", "2016-02-29T23:59:59Z", true},
		{"not leap", "no 29 February in 2019", "2019-02-29T00:00:00Z", false},
		{"month 13", "months end at 12", "2019-13-01T00:00:00Z", false},
		{"hour 24", "hours end at 23", "2019-07-09T24:00:00Z", false},
		{"space", "a space is not the T", "2019-07-09 08:20:59Z", false},
		{"zone", "only UTC, written Z", "2019-07-09T08:20:59+01", false},
		{"sign", "digits only", "2019-07-0-T08:20:59Z", false},
	}
	for _, tt := range tests {
		got, ok := parseTime(tt.in)
		want, err := time.Parse(qualysTime, tt.in)
		if ok != tt.ok || ok && !got.Equal(want) || ok != (err == nil) {
			t.Errorf("%s: parseTime(%q) = %v, %v; time.Parse says %v, %v: %s", tt.name, tt.in,
				got, ok, want, err, tt.reason)
		}
	}
}
