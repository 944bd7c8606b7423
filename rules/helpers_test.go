package rules

import (
	"fmt"
	"strings"
	"testing"

	"qx/internal/validate"
)

// check validates doc with every built-in rule and the extra ones, and
// returns the findings of record rules as "line:col id value".
func check(t *testing.T, doc string, extra ...*Rule) []string {
	t.Helper()
	got, _ := checkPage(t, doc, extra...)
	return got
}

// checkPage is check that also returns what the document says of its pages.
func checkPage(t *testing.T, doc string, extra ...*Rule) ([]string, Page) {
	t.Helper()
	set := NewSet(append(Builtin().RecordRules(), extra...))
	c := set.NewChecker()
	res, err := validate.Validate(strings.NewReader(doc),
		validate.Options{Observers: []validate.Observer{c}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		if f.ID == validate.IDContent || f.ID == validate.IDValue {
			continue // the content model's, tested in its package
		}
		got = append(got, fmt.Sprintf("%v %s %s", f.Pos, f.ID, f.Value))
	}
	return got, c.Page()
}

// posture returns a posture list replied at reply with the given INFO
// records, each written as its children.
func posture(reply string, infos ...string) string {
	var b strings.Builder
	b.WriteString("<POSTURE_INFO_LIST_OUTPUT>\n<RESPONSE>\n<DATETIME>" + reply +
		"</DATETIME>\n<INFO_LIST>\n")
	for i, info := range infos {
		fmt.Fprintf(&b, "<INFO>\n<ID>%d</ID>\n<HOST_ID>1</HOST_ID>\n<CONTROL_ID>2</CONTROL_ID>\n"+
			"<TECHNOLOGY_ID>3</TECHNOLOGY_ID>\n%s\n</INFO>\n", 100+i, info)
	}
	b.WriteString("</INFO_LIST>\n</RESPONSE>\n</POSTURE_INFO_LIST_OUTPUT>\n")
	return b.String()
}

// dates renders the status and date elements of a status record; "" leaves
// one out.
func dates(status, firstFail, lastFail, firstPass, lastPass string) string {
	var b strings.Builder
	b.WriteString("<STATUS>" + status + "</STATUS>")
	for _, d := range []struct{ name, v string }{{"FIRST_FAIL_DATE", firstFail},
		{"LAST_FAIL_DATE", lastFail}, {"FIRST_PASS_DATE", firstPass},
		{"LAST_PASS_DATE", lastPass}} {
		if d.v != "" {
			fmt.Fprintf(&b, "<%s>%s</%s>", d.name, d.v, d.name)
		}
	}
	return b.String()
}

// jboss returns a JBoss list with the given records, each written as the
// children that follow ID, TITLE and IP_SET.
func jboss(records ...string) string {
	var b strings.Builder
	b.WriteString("<AUTH_JBOSS_LIST_OUTPUT>\n<RESPONSE>\n<DATETIME>2019-08-07T03:31:12Z" +
		"</DATETIME>\n<AUTH_JBOSS_LIST>\n")
	for i, r := range records {
		fmt.Fprintf(&b, "<AUTH_JBOSS>\n<ID>%d</ID>\n<TITLE>t</TITLE>\n<IP_SET><IP>10.0.0.1</IP>"+
			"</IP_SET>\n%s\n</AUTH_JBOSS>\n", 500+i, r)
	}
	b.WriteString("</AUTH_JBOSS_LIST>\n</RESPONSE>\n</AUTH_JBOSS_LIST_OUTPUT>\n")
	return b.String()
}

// jbossRecord renders the fields of a JBoss record after IP_SET.
func jbossRecord(platform, home, by, system string) string {
	var b strings.Builder
	if platform != "" {
		fmt.Fprintf(&b, "<%s><HOME_PATH>%s</HOME_PATH></%s>\n", platform, home, platform)
	}
	b.WriteString("<CREATED><DATETIME>2019-08-02T17:13:21Z</DATETIME>")
	if by != "" {
		b.WriteString("<BY>" + by + "</BY>")
	}
	b.WriteString("</CREATED>\n<LAST_MODIFIED><DATETIME>2019-08-02T17:13:21Z</DATETIME>" +
		"</LAST_MODIFIED>\n")
	if system != "" {
		b.WriteString("<IS_SYSTEM_CREATED>" + system + "</IS_SYSTEM_CREATED>")
	}
	return b.String()
}
