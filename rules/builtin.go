package rules

import (
	"fmt"

	"qx/internal/validate"
)

// Ids of the semantic rules.
const (
	IDDuplicatePolicyOff   = "op-duplicate-policy-off"
	IDScanByPolicyConflict = "op-scan-by-policy-conflict"
	IDAuthTypeRepeated     = "op-auth-type-repeated"
	IDAuthDuplicate        = "auth-duplicate-record"
	IDSystemCreated        = "auth-system-created-mismatch"
	IDCreatedAfterModified = "auth-created-after-modified"
	IDFirstAfterLast       = "dates-first-after-last"
	IDUnpairedDate         = "dates-unpaired"
	IDStreakOrder          = "dates-streak-order"
	IDStatusDates          = "dates-status-dates-missing"
	IDAfterReply           = "dates-after-reply"
	IDInstanceConflict     = "scan-instance-contradiction"
)

// Ids of the run-level and tooling findings.
const (
	IDPageMissing      = "page-missing"
	IDStaleSuppression = "stale-suppression"
	IDStaleBaseline    = "stale-baseline"
	IDRecordTooLarge   = "record-too-large"
	IDRuleError        = "rule-error"
)

// Element paths of the records the built-in rules check.
const (
	PostureRecord   = "/POSTURE_INFO_LIST_OUTPUT/RESPONSE/INFO_LIST/INFO"
	PolicyRecord    = "/COMPLIANCE_POLICY_REPORT/RESULTS/HOST_LIST/HOST/CONTROL_LIST/CONTROL"
	ProfileRecord   = "/OPTION_PROFILES/OPTION_PROFILE"
	JBossRecord     = "/AUTH_JBOSS_LIST_OUTPUT/RESPONSE/AUTH_JBOSS_LIST/AUTH_JBOSS"
	WebSphereRecord = "/AUTH_IBM_WEBSPHERE_LIST_OUTPUT/RESPONSE/AUTH_IBM_WEBSPHERE_LIST/" +
		"AUTH_IBM_WEBSPHERE"
	UnixRecord  = "/AUTH_UNIX_LIST_OUTPUT/RESPONSE/AUTH_UNIX_LIST/AUTH_UNIX"
	FoundRecord = "/COMPLIANCE_SCAN_RESULT_OUTPUT/RESPONSE/COMPLIANCE_SCAN/APPENDIX/" +
		"AUTH_DISCOVERY_INSTANCE_LIST/AUTH_DISCOVERY_INSTANCE"
	NotFoundRecord = "/COMPLIANCE_SCAN_RESULT_OUTPUT/RESPONSE/COMPLIANCE_SCAN/APPENDIX/" +
		"AUTH_DISCOVERY_INSTANCE_NOT_FOUND_LIST/AUTH_DISCOVERY_INSTANCE_NOT_FOUND"
)

// recordKeys names, for records of the built-in paths, the child whose text
// identifies a record in finding paths. Other records use their ID child.
var recordKeys = map[string]string{
	PolicyRecord:   "CID",
	ProfileRecord:  "BASIC_INFO/ID",
	FoundRecord:    "IP",
	NotFoundRecord: "IP",
}

// semanticRules returns the built-in rules on records.
func semanticRules() []*Rule {
	var rs []*Rule
	for _, group := range [][]*Rule{profileRules(), authRules(), dateRules(),
		appendixRules()} {
		rs = append(rs, group...)
	}
	for _, r := range rs {
		if r.Assert != nil {
			if err := r.Assert.Compile(); err != nil {
				panic(fmt.Sprintf("rule %s: %v", r.ID, err)) // fixed text; tests rule it out
			}
		}
	}
	return rs
}

// runRules describes the findings that need the whole run, or qxlint's own
// configuration files.
func runRules() []*Rule {
	return []*Rule{
		{ID: IDPageMissing, Severity: validate.Error, Kind: RunLevel,
			Title: "a truncated page whose next page is not among the inputs",
			Text: "A list reply that stops at its truncation limit ends with a WARNING " +
				"of CODE 1980 whose URL asks for the next page with id_min=N. The " +
				"capture is complete only if the page that starts at record N was " +
				"fetched too. qxlint looks for it among all the files of the run: " +
				"a file whose first record has ID N. If none does, the export is " +
				"incomplete, and so is anything computed from it.\n\n" +
				"Check every page of an export in one run. A WARNING of CODE 1980 " +
				"without id_min cannot be followed and is reported too. Because it " +
				"needs every file, this finding is printed after the findings of " +
				"each file."},
		{ID: IDStaleSuppression, Severity: validate.Warning, Kind: RunLevel,
			Title: "a suppression that matches no finding",
			Text: "A suppression in the configuration file was written for a finding " +
				"that is gone. Left in place it would hide the next, unrelated " +
				"finding it happens to match: remove it. It is judged only when its " +
				"rule ran and a file it names was checked in full."},
		{ID: IDStaleBaseline, Severity: validate.Warning, Kind: RunLevel,
			Title: "a baseline entry that matches no finding",
			Text: "The baseline accepts a finding that the run no longer reports (or " +
				"fewer of them than it counts). Rewrite the baseline with " +
				"--write-baseline so that it accepts only what is still there. An " +
				"entry is judged only when its file was checked in full."},
	}
}

// toolingRules describes the findings that say a rule could not be applied.
func toolingRules() []*Rule {
	return []*Rule{
		{ID: IDRecordTooLarge, Severity: validate.Warning, Kind: Tooling,
			Title: "a record too large to check",
			Text: "Semantic and custom rules see one record at a time, kept in memory. " +
				"A record beyond the size limit is skipped, so memory stays flat on " +
				"replies of any size; no real Qualys record comes near it."},
		{ID: IDRuleError, Severity: validate.Error, Kind: Tooling,
			Title: "a rule's XPath could not be evaluated on a record",
			Text: "A custom rule's expression failed at run time on this record, so " +
				"the record was not checked by it. Fix the rule."},
	}
}
