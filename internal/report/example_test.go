package report_test

import (
	"os"

	"qx/internal/report"
	"qx/internal/scan"
	"qx/internal/validate"
	"qx/rules"
)

// A writer gets each file as soon as it is checked, then the whole run; the
// text format prints one finding a line.
func ExampleNew() {
	f := &report.File{Name: "captures/posture.xml", Input: true, Failed: true,
		Findings: []validate.Finding{{Pos: scan.Pos{Line: 16, Col: 9},
			Severity: validate.Error, ID: rules.IDUnpairedDate,
			Msg: "FIRST_PASS_DATE without LAST_PASS_DATE"}}}
	run := &report.Run{Rules: rules.Builtin().All(), Files: []*report.File{f}, Failed: true}
	w, err := report.New("text", os.Stdout, run.Rules)
	if err != nil {
		return
	}
	w.File(f)
	w.Finish(run)
	// Output:
	// captures/posture.xml:16:9: error: FIRST_PASS_DATE without LAST_PASS_DATE [dates-unpaired]
}
