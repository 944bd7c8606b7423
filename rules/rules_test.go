package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"qx/internal/validate"
)

// ruleCase is a document and the findings its record rules must raise.
type ruleCase struct {
	name, reason, doc string
	want              []string
}

func runRuleCases(t *testing.T, tests []ruleCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := check(t, tt.doc)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s (-want +got):\n%s\n%s", tt.reason, diff, tt.doc)
			}
		})
	}
}

const (
	d1 = "2019-07-01T00:00:00Z"
	d2 = "2019-08-01T00:00:00Z"
	d3 = "2019-09-01T00:00:00Z"
	d4 = "2019-09-15T00:00:00Z"
)

func TestDateRules(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"no dates", "an export fetched without dates is normal",
			posture(d4, dates("Failed", "", "", "", "")), nil},
		{"same scan", "a first date equal to the last is one failing scan",
			posture(d4, dates("Failed", d2, d2, "", "")), nil},
		{"first after last", "the first fail date cannot follow the last",
			posture(d4, dates("Failed", d3, d2, "", "")),
			[]string{"10:24 dates-first-after-last " + d3}},
		{"pass pair reversed", "the pass pair is checked like the fail pair",
			posture(d4, dates("Passed", "", "", d3, d2)),
			[]string{"10:24 dates-first-after-last " + d3}},
		{"last without first", "a last date needs its first date",
			posture(d4, dates("Failed", "", d2, "", "")),
			[]string{"10:24 dates-unpaired " + d2}},
		{"failed streak", "a Failed control's streak starts after its last pass",
			posture(d4, dates("Failed", d2, d3, d1, d2)),
			[]string{"10:24 dates-streak-order " + d2}},
		{"passed streak", "a Passed control's streak starts after its last failure",
			posture(d4, dates("Passed", d1, d3, d2, d3)),
			[]string{"10:132 dates-streak-order " + d2}},
		{"error status", "an Error control has no current streak to check",
			posture(d4, dates("Error", d2, d3, d1, d2)), nil},
		{"failed with pass dates only", "a Failed control that carries pass dates has " +
			"failed at least once", posture(d4, dates("Failed", "", "", d1, d2)),
			[]string{"10:1 dates-status-dates-missing Failed"}},
		{"passed with fail dates only", "the same holds the other way round",
			posture(d4, dates("Passed", d1, d2, "", "")),
			[]string{"10:1 dates-status-dates-missing Passed"}},
		{"after reply", "no date can follow the reply",
			posture(d2, dates("Failed", d1, d3, "", "")),
			[]string{"10:79 dates-after-reply " + d3}},
		{"bad date", "a date that is not a date is the content model's finding only",
			posture(d4, dates("Failed", "yesterday", d2, "", "")), nil},
	})
}

func TestAfterReplyNeedsAReplyDate(t *testing.T) {
	doc := strings.Replace(posture(d1, dates("Failed", d2, d3, "", "")),
		"<DATETIME>"+d1+"</DATETIME>", "<DATETIME>soon</DATETIME>", 1)
	if got := check(t, doc); len(got) != 0 {
		t.Errorf("without a readable reply date no date can be judged late, got %v", got)
	}
}

func TestAuthRules(t *testing.T) {
	user := jbossRecord("WINDOWS", `C:\jboss`, "quays_as2", "0")
	system := jbossRecord("WINDOWS", `c:\JBOSS`, "", "1")
	runRuleCases(t, []ruleCase{
		{"system and user", "a system and a user record are what ON_DUPLICATE_* decides",
			jboss(user, system), nil},
		{"two users", "two user records of one configuration are duplicates",
			jboss(user, jbossRecord("WINDOWS", `C:\JBoss`, "quays_pm1", "0")),
			[]string{"14:1 auth-duplicate-record 500"}},
		{"unix case", "Unix paths differ by case",
			jboss(jbossRecord("UNIX", "/opt/jboss", "a", "0"),
				jbossRecord("UNIX", "/opt/JBoss", "b", "0")), nil},
		{"platforms", "the same path under WINDOWS and UNIX is another configuration",
			jboss(jbossRecord("UNIX", "/opt/jboss", "a", "0"),
				jbossRecord("WINDOWS", "/opt/jboss", "b", "0")), nil},
		{"no configuration", "records without instance fields are not compared",
			jboss(jbossRecord("", "", "a", "0"), jbossRecord("", "", "b", "0")), nil},
		{"kind from creator", "without IS_SYSTEM_CREATED the creator tells the kind",
			jboss(jbossRecord("UNIX", "/j", "", ""), jbossRecord("UNIX", "/j", "System", "")),
			[]string{"14:1 auth-duplicate-record 500"}},
		{"flag 1 by a user", "a user's record is not system-created",
			jboss(jbossRecord("", "", "quays_as2", "1")),
			[]string{"11:1 auth-system-created-mismatch 1"}},
		{"flag 0 without creator", "a record without creator is the system's",
			jboss(jbossRecord("", "", "", "0")),
			[]string{"11:1 auth-system-created-mismatch 0"}},
		{"flag 0 by System", `"System" is the system's name`,
			jboss(jbossRecord("", "", "System", "0")),
			[]string{"11:1 auth-system-created-mismatch 0"}},
		{"created after modified", "a record is not changed before it exists",
			strings.Replace(jboss(jbossRecord("", "", "a", "0")),
				"<CREATED><DATETIME>2019-08-02T17:13:21Z",
				"<CREATED><DATETIME>2019-08-03T00:00:00Z", 1),
			[]string{"9:10 auth-created-after-modified 2019-08-03T00:00:00Z"}},
		{"created after reply", "auth record dates cannot follow the reply either",
			strings.ReplaceAll(jboss(jbossRecord("", "", "a", "0")), "2019-08-02T17:13:21Z",
				"2019-08-09T00:00:00Z"),
			[]string{"9:10 dates-after-reply 2019-08-09T00:00:00Z",
				"10:16 dates-after-reply 2019-08-09T00:00:00Z"}},
	})
}

func TestWebSphereDuplicates(t *testing.T) {
	rec := func(id, dir string) string {
		return "<AUTH_IBM_WEBSPHERE><ID>" + id + "</ID><TITLE>t</TITLE><IP_SET><IP>10.0.0.1</IP>" +
			"</IP_SET><UNIX_INSTLLATION_DIRECTORY>" + dir + "</UNIX_INSTLLATION_DIRECTORY>" +
			"<CREATED><DATETIME>2018-12-17T19:49:19Z</DATETIME><BY>u</BY></CREATED>" +
			"<LAST_MODIFIED><DATETIME>2018-12-17T19:49:19Z</DATETIME></LAST_MODIFIED>" +
			"</AUTH_IBM_WEBSPHERE>\n"
	}
	doc := "<AUTH_IBM_WEBSPHERE_LIST_OUTPUT><RESPONSE><DATETIME>2019-08-07T03:29:58Z" +
		"</DATETIME><AUTH_IBM_WEBSPHERE_LIST>\n" + rec("1", "/opt/was") + rec("2", "/opt/was2") +
		rec("3", " /opt/was ") + "</AUTH_IBM_WEBSPHERE_LIST></RESPONSE>" +
		"</AUTH_IBM_WEBSPHERE_LIST_OUTPUT>"
	want := []string{"4:1 auth-duplicate-record 1"}
	if diff := cmp.Diff(want, check(t, doc)); diff != "" {
		t.Errorf("records 1 and 3 share an installation directory, padding aside "+
			"(-want +got):\n%s", diff)
	}
}

// profile returns an option profile whose SCAN holds scan.
func profile(scan string) string {
	return "<OPTION_PROFILES><OPTION_PROFILE><BASIC_INFO><ID>7</ID><GROUP_NAME>g</GROUP_NAME>" +
		"<GROUP_TYPE>compliance</GROUP_TYPE><USER_ID>u</USER_ID><UNIT_ID>0</UNIT_ID>" +
		"<SUBSCRIPTION_ID>1</SUBSCRIPTION_ID></BASIC_INFO>\n<SCAN>\n" + scan +
		"\n</SCAN><ADDITIONAL><HOST_DISCOVERY/></ADDITIONAL></OPTION_PROFILE></OPTION_PROFILES>"
}

func TestProfileRules(t *testing.T) {
	include := func(flag, v string) string {
		return "<SYSTEM_AUTH_RECORD><INCLUDE_SYSTEM_AUTH><" + flag + ">" + v + "</" + flag +
			"></INCLUDE_SYSTEM_AUTH></SYSTEM_AUTH_RECORD>"
	}
	const byPolicy = "<SCAN_RESTRICTION><SCAN_BY_POLICY><POLICY><ID>1</ID><TITLE>p</TITLE>" +
		"</POLICY></SCAN_BY_POLICY></SCAN_RESTRICTION>\n"
	types := func(ts ...string) string {
		s := "<SYSTEM_AUTH_RECORD><ALLOW_AUTH_CREATION><AUTHENTICATION_TYPE_LIST>\n"
		for _, v := range ts {
			s += "<AUTHENTICATION_TYPE>" + v + "</AUTHENTICATION_TYPE>\n"
		}
		return s + "</AUTHENTICATION_TYPE_LIST></ALLOW_AUTH_CREATION></SYSTEM_AUTH_RECORD>"
	}
	runRuleCases(t, []ruleCase{
		{"system policy on", "a chosen policy set to 1 is on",
			profile(include("ON_DUPLICATE_USE_SYSTEM_AUTH", "1")), nil},
		{"system policy off", "a chosen policy set to 0 leaves duplicates undecided",
			profile(include("ON_DUPLICATE_USE_SYSTEM_AUTH", " 0 ")),
			[]string{"3:42 op-duplicate-policy-off 0"}},
		{"not a flag", "a value that is no flag is the content model's finding",
			profile(include("ON_DUPLICATE_USE_USER_AUTH", "2")), nil},
		{"by policy alone", "scanning by policy without system records is fine",
			profile(byPolicy), nil},
		{"by policy with system records", "the three options are mutually exclusive",
			profile(byPolicy + include("ON_DUPLICATE_USE_USER_AUTH", "1")),
			[]string{"4:21 op-scan-by-policy-conflict INCLUDE_SYSTEM_AUTH"}},
		{"types once", "each type once is fine",
			profile(types("Jboss Server", "Apache Web Server")), nil},
		{"types repeated", "the second and later copies are reported, white space aside",
			profile(types("Jboss Server", "Jboss\n Server", "Jboss Server")),
			[]string{"5:1 op-auth-type-repeated Jboss Server",
				"7:1 op-auth-type-repeated Jboss Server"}},
	})
}

// appendix returns a compliance scan result whose appendix holds lists.
func appendix(lists string) string {
	return "<COMPLIANCE_SCAN_RESULT_OUTPUT><RESPONSE><DATETIME>2019-08-07T04:21:07Z</DATETIME>" +
		"<COMPLIANCE_SCAN><APPENDIX>\n" + lists + "\n</APPENDIX></COMPLIANCE_SCAN></RESPONSE>" +
		"</COMPLIANCE_SCAN_RESULT_OUTPUT>"
}

func TestInstanceContradiction(t *testing.T) {
	found := func(typ, ip string) string {
		return "<AUTH_DISCOVERY_INSTANCE_LIST><AUTH_DISCOVERY_INSTANCE><AUTH_TYPE>" + typ +
			"</AUTH_TYPE><IP>" + ip + "</IP></AUTH_DISCOVERY_INSTANCE>" +
			"</AUTH_DISCOVERY_INSTANCE_LIST>\n"
	}
	notFound := func(typ, ip string) string {
		return "<AUTH_DISCOVERY_INSTANCE_NOT_FOUND_LIST><AUTH_DISCOVERY_INSTANCE_NOT_FOUND>" +
			"<AUTH_TYPE>" + typ + "</AUTH_TYPE><IP>" + ip + "</IP>" +
			"</AUTH_DISCOVERY_INSTANCE_NOT_FOUND></AUTH_DISCOVERY_INSTANCE_NOT_FOUND_LIST>"
	}
	runRuleCases(t, []ruleCase{
		{"other host", "found on one host, not found on another is no contradiction",
			appendix(found("Jboss Server", "10.0.0.1") + notFound("Jboss Server", "10.0.0.2")),
			nil},
		{"other type", "another auth type on the same host is no contradiction",
			appendix(found("Jboss Server", "10.0.0.1") +
				notFound("IBM WebSphere App Server", "10.0.0.1")), nil},
		{"same host and type", "one type on one host cannot be both",
			appendix(found("Jboss Server", "10.0.0.1") + notFound("Jboss Server", "10.0.0.1")),
			[]string{"3:41 scan-instance-contradiction Jboss Server"}},
		{"IPv6 spellings", "two spellings of one address are one host",
			appendix(found("Jboss Server", "2001:db8::1") +
				notFound("Jboss Server", "2001:0db8:0:0::1")),
			[]string{"3:41 scan-instance-contradiction Jboss Server"}},
	})
}

func TestFindingPathsNameTheRecord(t *testing.T) {
	tests := []struct {
		name, reason, doc, want string
	}{
		{"posture", "posture records are keyed by ID",
			posture(d4, dates("Failed", d3, d2, "", "")),
			"/POSTURE_INFO_LIST_OUTPUT/RESPONSE/INFO_LIST/INFO[ID='100']/FIRST_FAIL_DATE"},
		{"profile", "option profiles are keyed by BASIC_INFO/ID",
			profile("<SYSTEM_AUTH_RECORD><INCLUDE_SYSTEM_AUTH><ON_DUPLICATE_USE_USER_AUTH>0" +
				"</ON_DUPLICATE_USE_USER_AUTH></INCLUDE_SYSTEM_AUTH></SYSTEM_AUTH_RECORD>"),
			"/OPTION_PROFILES/OPTION_PROFILE[BASIC_INFO/ID='7']/SCAN/SYSTEM_AUTH_RECORD/" +
				"INCLUDE_SYSTEM_AUTH/ON_DUPLICATE_USE_USER_AUTH"},
		{"quote in key", "a key holding a quote is quoted with the other quote",
			strings.Replace(posture(d4, dates("Failed", d3, d2, "", "")), "<ID>100</ID>",
				"<ID>1'0</ID>", 1),
			`/POSTURE_INFO_LIST_OUTPUT/RESPONSE/INFO_LIST/INFO[ID="1'0"]/FIRST_FAIL_DATE`},
	}
	for _, tt := range tests {
		set := NewSet(Builtin().RecordRules())
		res, err := validate.Validate(strings.NewReader(tt.doc),
			validate.Options{Observers: []validate.Observer{set.NewChecker()}})
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, f := range res.Findings {
			if f.ID != validate.IDContent && f.ID != validate.IDValue {
				paths = append(paths, f.Path)
			}
		}
		if diff := cmp.Diff([]string{tt.want}, paths); diff != "" {
			t.Errorf("%s: %s (-want +got):\n%s", tt.name, tt.reason, diff)
		}
	}
}
