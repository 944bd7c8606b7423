package rules

import (
	"fmt"
	"strings"

	"qx/internal/validate"
)

// profileRules returns the rules on option profiles (OPTION_PROFILES).
func profileRules() []*Rule {
	return []*Rule{
		{ID: IDDuplicatePolicyOff, Severity: validate.Error, Kind: Semantic,
			Title:   "the duplicate-record policy under INCLUDE_SYSTEM_AUTH is off",
			Records: []string{ProfileRecord},
			Assert: &Assertion{
				Context: "SCAN/SYSTEM_AUTH_RECORD/INCLUDE_SYSTEM_AUTH/*",
				Assert:  "normalize-space(.) != '0'",
				Message: "{name()} is 0: INCLUDE_SYSTEM_AUTH names this policy for " +
					"duplicate records but leaves it off",
			},
			Text: "INCLUDE_SYSTEM_AUTH (include_system_auth=1) lets scans use " +
				"system-created auth records, and must say which record wins when a " +
				"system record and a user record describe the same instance: " +
				"ON_DUPLICATE_USE_USER_AUTH or ON_DUPLICATE_USE_SYSTEM_AUTH " +
				"(use_user_auth_on_duplicate / use_system_auth_on_duplicate). The " +
				"release notes require one of the two to be enabled. A profile whose " +
				"chosen flag is 0 enables neither, so which record a scan uses is " +
				"left undefined."},
		{ID: IDScanByPolicyConflict, Severity: validate.Error, Kind: Semantic,
			Title:   "scanning by policy together with system auth records",
			Records: []string{ProfileRecord},
			Assert: &Assertion{
				Context: "SCAN/SYSTEM_AUTH_RECORD/*",
				Assert:  "not(../../SCAN_RESTRICTION/SCAN_BY_POLICY)",
				Value:   "name()",
				Message: "{name()} is set together with SCAN_RESTRICTION/SCAN_BY_POLICY: " +
					"scanning by policy excludes instance discovery and system records",
			},
			Text: "The release notes make enable_auth_instance_discovery " +
				"(ALLOW_AUTH_CREATION), scan_by_policy (SCAN_RESTRICTION/" +
				"SCAN_BY_POLICY) and include_system_auth (INCLUDE_SYSTEM_AUTH) mutually " +
				"exclusive: the API refuses a request that sets two of them. A profile " +
				"that shows both a policy restriction and a system-record setting was " +
				"not produced by the API as documented, or was edited; which of the " +
				"two a scan honours is unknown. ALLOW_AUTH_CREATION and " +
				"INCLUDE_SYSTEM_AUTH together are the content model's finding, not this " +
				"rule's."},
		{ID: IDAuthTypeRepeated, Severity: validate.Warning, Kind: Semantic,
			Title:    "an authentication type repeated in one AUTHENTICATION_TYPE_LIST",
			Records:  []string{ProfileRecord},
			newCheck: func() recordCheck { return checkAuthTypes },
			Text: "AUTHENTICATION_TYPE_LIST names the technologies for which instance " +
				"discovery creates records (auto_auth_types). Each type counts once; " +
				"a repeated one is the trace of a hand-edited or merged export, and " +
				"tools that count the list see a type that is not there."},
	}
}

// checkAuthTypes reports the second and later occurrence of a type within
// one AUTHENTICATION_TYPE_LIST, comparing white-space-normalized text.
func checkAuthTypes(r *Record, emit emitFunc) {
	list := childPath(r.Node, "SCAN/SYSTEM_AUTH_RECORD/ALLOW_AUTH_CREATION/"+
		"AUTHENTICATION_TYPE_LIST")
	if list == nil {
		return
	}
	seen := map[string]int{}
	for _, t := range children(list, "AUTHENTICATION_TYPE") {
		v := strings.Join(strings.Fields(t.InnerText()), " ")
		if line, ok := seen[v]; ok {
			emit(t, v, fmt.Sprintf("authentication type %q is repeated (first on line %d)",
				v, line))
			continue
		}
		seen[v] = t.LineNumber
	}
}
