package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"qx/internal/validate"
)

// assertRule is a custom rule on posture records.
func assertRule(id string, a *Assertion) *Rule {
	if err := a.Compile(); err != nil {
		panic(err)
	}
	return &Rule{ID: id, Title: id, Severity: validate.Warning, Kind: Custom,
		Records: []string{PostureRecord}, Assert: a}
}

func TestAssertions(t *testing.T) {
	doc := posture(d4, `<INSTANCE> os </INSTANCE>`+dates("Failed", d1, d2, "", ""))
	tests := []struct {
		name, reason string
		a            Assertion
		want         []string
	}{
		{"holds", "a true assertion raises nothing",
			Assertion{Assert: "STATUS = 'Failed'", Message: "m"}, nil},
		{"record", "without context the record itself is the finding, with no value",
			Assertion{Assert: "STATUS = 'Passed'", Message: "{ID} is {STATUS}"},
			[]string{"5:1 x : 100 is Failed"}},
		{"context", "each node the context selects is checked, and its text is the value",
			Assertion{Context: "INSTANCE", Assert: ". = 'oracle'", Message: "instance {.}"},
			[]string{"10:1 x os: instance os"}},
		{"value", "value sets what baselines match",
			Assertion{Context: "INSTANCE", Assert: "false()", Value: "../ID", Message: "m"},
			[]string{"10:1 x 100: m"}},
		{"absolute", "an absolute path starts at the record's document node",
			Assertion{Assert: "count(/INFO) = 2", Message: "{count(/INFO/*)} children"},
			[]string{"5:1 x : 8 children"}},
		{"braces", "doubled braces are literal",
			Assertion{Assert: "false()", Message: "{{ {name()} }}"},
			[]string{"5:1 x : { INFO }"}},
		{"number", "a number is true unless zero",
			Assertion{Assert: "count(FIRST_PASS_DATE)", Message: "no pass date"},
			[]string{"5:1 x : no pass date"}},
		{"runtime failure", "an expression that fails on a record is a rule-error finding",
			Assertion{Assert: "substring(STATUS, 'a')", Message: "m"},
			[]string{"5:1 rule-error x: rule \"x\" could not be evaluated"}},
	}
	for _, tt := range tests {
		a := tt.a
		got := checkCustom(t, doc, assertRule("x", &a))
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", tt.name, tt.reason, diff)
		}
	}
}

// checkCustom returns the findings of custom and tooling rules on doc as
// "pos id value: message", the message cut at its first colon for
// rule-error findings.
func checkCustom(t *testing.T, doc string, r *Rule) []string {
	t.Helper()
	res, err := validate.Validate(strings.NewReader(doc), validate.Options{
		Observers: []validate.Observer{NewSet([]*Rule{r}).NewChecker()}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		msg := f.Msg
		if f.ID == IDRuleError {
			msg, _, _ = strings.Cut(msg, ":")
		}
		id := f.ID
		if id == r.ID {
			id = "x"
		}
		got = append(got, f.Pos.String()+" "+id+" "+f.Value+": "+msg)
	}
	return got
}

func TestAssertionOnAttributes(t *testing.T) {
	doc := posture(d4, dates("Failed", "", "", "", "")+`<EVIDENCE><BOOLEAN_EXPR>x`+
		`</BOOLEAN_EXPR><DPV_LIST><DPV lastUpdated="2019-06-21T07:13:37Z"><LABEL>:dp_1</LABEL>`+
		`</DPV></DPV_LIST></EVIDENCE>`)
	r := assertRule("x", &Assertion{Context: "EVIDENCE/DPV_LIST/DPV/@lastUpdated",
		Assert: "starts-with(., '2020')", Message: "{name()} {.} of {../LABEL}"})
	want := []string{"10:74 x 2019-06-21T07:13:37Z: lastUpdated 2019-06-21T07:13:37Z of :dp_1"}
	if diff := cmp.Diff(want, checkCustom(t, doc, r)); diff != "" {
		t.Errorf("an attribute context is checked as an attribute, at its element "+
			"(-want +got):\n%s", diff)
	}
}

func TestAssertionCompile(t *testing.T) {
	tests := []struct {
		name, reason string
		a            Assertion
		err          string
	}{
		{"ok", "a complete assertion compiles",
			Assertion{Context: "STATUS", Assert: ". != ''", Value: "../ID", Message: "{.}"}, ""},
		{"no assert", "the assertion is required", Assertion{Message: "m"}, "assert:"},
		{"bad assert", "expressions are checked when loaded, not on the first record",
			Assertion{Assert: "STATUS = = 1", Message: "m"}, "assert:"},
		{"bad context", "so is the context", Assertion{Context: "[", Assert: "true()"},
			"context:"},
		{"bad value", "and the value", Assertion{Assert: "true()", Value: "(("}, "value:"},
		{"bad placeholder", "and every placeholder of the message",
			Assertion{Assert: "true()", Message: "{((}"}, "message:"},
		{"open brace", "a lone brace must be doubled",
			Assertion{Assert: "true()", Message: "a { b"}, "unclosed {"},
		{"close brace", "on either side", Assertion{Assert: "true()", Message: "a } b"},
			"unmatched }"},
	}
	for _, tt := range tests {
		err := tt.a.Compile()
		if tt.err == "" && err != nil || tt.err != "" && (err == nil ||
			!strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s: Compile() = %v, want an error containing %q: %s", tt.name, err,
				tt.err, tt.reason)
		}
	}
}
