package fuzz

import (
	"testing"

	"qx/schema"
)

// FuzzValidate validates arbitrary bytes, recognising the format and then with
// each schema forced in turn, and checks the properties of checkDocument: sound
// positioned findings, the same on a second run and however the input is read,
// MaxFindings keeping the first, and no cut of a well-formed document passing.
func FuzzValidate(f *testing.F) {
	seedDocuments(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(timeLimit, data)()
		checkDocument(t, data, schema.All()...)
	})
}

// formatTargets maps the fuzz target of each format to the format's schema.
var formatTargets = map[string]string{
	"FuzzAuthWebsphere": "auth_ibm_websphere_list_output",
	"FuzzAuthJBoss":     "auth_jboss_list_output",
	"FuzzAuthUnix":      "auth_unix_list_output",
	"FuzzBatchReturn":   "batch_return",
	"FuzzSimpleReturn":  "simple_return",
	"FuzzOptionProfile": "option_profile_info",
	"FuzzScanResult":    "compliance_scan_result_output",
	"FuzzPosture":       "posture_info_list_output",
	"FuzzPolicyReport":  "compliance_policy_report",
}

// fuzzFormat fuzzes the validator with one format, seeded with its corpus
// specimens, under the properties of checkDocument.
func fuzzFormat(f *testing.F, target string) {
	s := schema.ByName(formatTargets[target])
	if s == nil {
		f.Fatalf("%s: no schema %q", target, formatTargets[target])
	}
	seedFormat(f, s)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(timeLimit, data)()
		checkDocument(t, data, s)
	})
}

// The targets of the formats, one each so that fuzzing starts from the
// format's specimens and stays near its content model.

func FuzzAuthWebsphere(f *testing.F) { fuzzFormat(f, "FuzzAuthWebsphere") }
func FuzzAuthJBoss(f *testing.F)     { fuzzFormat(f, "FuzzAuthJBoss") }
func FuzzAuthUnix(f *testing.F)      { fuzzFormat(f, "FuzzAuthUnix") }
func FuzzBatchReturn(f *testing.F)   { fuzzFormat(f, "FuzzBatchReturn") }
func FuzzSimpleReturn(f *testing.F)  { fuzzFormat(f, "FuzzSimpleReturn") }
func FuzzOptionProfile(f *testing.F) { fuzzFormat(f, "FuzzOptionProfile") }
func FuzzScanResult(f *testing.F)    { fuzzFormat(f, "FuzzScanResult") }
func FuzzPosture(f *testing.F)       { fuzzFormat(f, "FuzzPosture") }
func FuzzPolicyReport(f *testing.F)  { fuzzFormat(f, "FuzzPolicyReport") }

// TestEveryFormatHasATarget checks that a format added to schema/ gets a fuzz
// target of its own.
func TestEveryFormatHasATarget(t *testing.T) {
	have := map[string]bool{}
	for _, name := range formatTargets {
		have[name] = true
	}
	for _, s := range schema.All() {
		if !have[s.Name] {
			t.Errorf("format %s has no fuzz target: add one to formatTargets and a "+
				"function calling fuzzFormat", s.Name)
		}
	}
}
