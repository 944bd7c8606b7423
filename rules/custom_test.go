package rules

import (
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	const rule = `"id": "site-x", "title": "t", "severity": "warning",
		"records": ["/POSTURE_INFO_LIST_OUTPUT/RESPONSE/INFO_LIST/INFO"],
		"assert": "STATUS != 'Error'", "message": "record {ID} is in error"`
	tests := []struct {
		name, reason, json, err string
	}{
		{"ok", "a complete rule loads", `{"rules": [{` + rule + `}]}`, ""},
		{"empty", "a file without rules is valid", `{"rules": []}`, ""},
		{"unknown field", "a misspelt field must not silently drop a check",
			`{"rules": [{` + rule + `, "asert": "x"}]}`, `unknown field "asert"`},
		{"not json", "syntax errors are reported", `{"rules": [`, "unexpected EOF"},
		{"trailing", "one object per file", `{"rules": []} {}`, "data after"},
		{"bad id", "ids follow the catalog's form",
			`{"rules": [{` + strings.Replace(rule, "site-x", "Site X", 1) + `}]}`, "id:"},
		{"severity", "only error and warning exist",
			`{"rules": [{` + strings.Replace(rule, `"warning"`, `"info"`, 1) + `}]}`,
			"severity:"},
		{"no records", "a rule must say which records it checks",
			`{"rules": [{` + strings.Replace(rule,
				`["/POSTURE_INFO_LIST_OUTPUT/RESPONSE/INFO_LIST/INFO"]`, `[]`, 1) + `}]}`,
			"records:"},
		{"relative record path", "record paths are absolute element paths",
			`{"rules": [{` + strings.Replace(rule, `"/POSTURE_INFO_LIST_OUTPUT/RESPONSE/`,
				`"RESPONSE/`, 1) + `}]}`, "records:"},
		{"predicate in path", "record paths hold names only, no XPath",
			`{"rules": [{` + strings.Replace(rule, `/INFO"`, `/INFO[1]"`, 1) + `}]}`,
			"records:"},
		{"no message", "a finding needs a message",
			`{"rules": [{` + strings.Replace(rule, `"record {ID} is in error"`, `" "`, 1) +
				`}]}`, "message is required"},
		{"bad xpath", "expressions compile when the file loads",
			`{"rules": [{` + strings.Replace(rule, `STATUS != 'Error'`, `STATUS !=`, 1) +
				`}]}`, "assert:"},
	}
	for _, tt := range tests {
		rs, err := Load(strings.NewReader(tt.json), "site.json")
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("%s: %v: %s", tt.name, err, tt.reason)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("%s: error %v, want one containing %q: %s", tt.name, err, tt.err, tt.reason)
		case err == nil && len(rs) > 0 && (rs[0].Kind != Custom || rs[0].Origin != "site.json"):
			t.Errorf("%s: loaded %+v, want a custom rule from site.json", tt.name, rs[0])
		}
	}
}

func TestLoadFileMissing(t *testing.T) {
	if _, err := LoadFile("no/such/rules.json"); err == nil {
		t.Error("a missing rules file must be an error")
	}
}
