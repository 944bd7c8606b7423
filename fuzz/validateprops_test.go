package fuzz

import (
	"bytes"
	"io"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"qx/internal/scan"
	"qx/internal/validate"
	"qx/schema"
)

// fatalIDs are the ids of findings that end a document's checks.
var fatalIDs = map[string]bool{
	scan.IDSyntax: true, scan.IDChar: true, scan.IDEncoding: true, scan.IDTruncated: true,
	scan.IDReadFailure: true, scan.IDEmptyDocment: true,
}

// validation is what validating a document gave, in a form go-cmp compares.
type validation struct {
	Schema   string
	Findings []validate.Finding
	Dropped  int
	Errors   int
	Warnings int
}

// run validates the document r reads; the validator may return an error only
// when reading fails, which an in-memory reader never does.
func run(t *testing.T, r io.Reader, opt validate.Options) validation {
	t.Helper()
	res, err := validate.Validate(r, opt)
	if err != nil {
		t.Fatalf("Validate returned an error for an in-memory document: %v", err)
	}
	v := validation{Findings: res.Findings, Dropped: res.Dropped, Errors: res.Errors,
		Warnings: res.Warnings}
	if res.Schema != nil {
		v.Schema = res.Schema.Name
	}
	return v
}

// checkValidate validates data with opt and checks that the findings are sound,
// the same on a second run, the same however the input is cut into reads, and
// that MaxFindings keeps the first of them.
func checkValidate(t *testing.T, data []byte, sh shape, opt validate.Options) {
	t.Helper()
	got := run(t, bytes.NewReader(data), opt)
	checkFindings(t, got, sh)
	if again := run(t, bytes.NewReader(data), opt); !cmp.Equal(got, again) {
		t.Errorf("schema %s: a second run differs (-first +second):\n%s",
			schemaName(opt), cmp.Diff(got, again))
	}
	for _, nr := range readers(data) {
		if other := run(t, nr.r, opt); !cmp.Equal(got, other) {
			t.Errorf("schema %s: reading %s differs (-at once +%s):\n%s",
				schemaName(opt), nr.name, nr.name, cmp.Diff(got, other))
		}
	}
	if opt.MaxFindings == 0 {
		checkMaxFindings(t, data, opt, got)
	}
}

// checkFindings checks that each finding is positioned in the document and
// complete, that they come sorted and counted, and that nothing follows the
// finding that ended the checks.
func checkFindings(t *testing.T, v validation, sh shape) {
	t.Helper()
	errs, fatal := 0, -1
	for i, f := range v.Findings {
		if !sh.inside(f.Pos) || f.ID == "" || f.Msg == "" ||
			f.Severity != validate.Error && f.Severity != validate.Warning {
			t.Errorf("finding %+v: position outside the document, or a part missing", f)
		}
		if i > 0 && before(f.Pos, v.Findings[i-1].Pos) {
			t.Errorf("finding at %v comes after one at %v", f.Pos, v.Findings[i-1].Pos)
		}
		if !utf8.ValidString(f.Msg) || !utf8.ValidString(f.Value) || !utf8.ValidString(f.Path) {
			t.Errorf("finding %+v: message, value or path is not UTF-8", f)
		}
		if f.ID == scan.IDTruncated && !sh.atEnd(f.Pos) {
			t.Errorf("finding %+v: the document is cut short, but not there", f)
		}
		if f.Severity == validate.Error {
			errs++
		}
		if fatalIDs[f.ID] {
			if fatal >= 0 {
				t.Errorf("two findings end the checks: %+v and %+v", v.Findings[fatal], f)
			}
			fatal = i
		}
	}
	if fatal >= 0 {
		for _, f := range v.Findings {
			if before(v.Findings[fatal].Pos, f.Pos) {
				t.Errorf("finding %+v lies after the point where checking stopped, %v",
					f, v.Findings[fatal].Pos)
			}
		}
	}
	if v.Errors+v.Warnings != len(v.Findings)+v.Dropped || v.Dropped == 0 && errs != v.Errors {
		t.Errorf("counts do not add up: %d errors, %d warnings, %d kept, %d dropped",
			v.Errors, v.Warnings, len(v.Findings), v.Dropped)
	}
}

// checkMaxFindings checks that a lower MaxFindings keeps the first findings of
// all and counts the rest, and keeps the finding that stopped reading, which
// comes last, whatever the cap.
func checkMaxFindings(t *testing.T, data []byte, opt validate.Options, all validation) {
	t.Helper()
	rest, fatal := all.Findings, []validate.Finding(nil)
	if n := len(rest); n > 0 && fatalIDs[rest[n-1].ID] {
		rest, fatal = rest[:n-1], rest[n-1:]
	}
	for _, max := range []int{1, 2} {
		if len(rest) <= max {
			return
		}
		opt.MaxFindings = max
		got := run(t, bytes.NewReader(data), opt)
		want := all
		want.Findings = append(slices.Clone(rest[:max]), fatal...)
		want.Dropped = len(rest) - max
		if !cmp.Equal(want, got) {
			t.Errorf("MaxFindings %d keeps other findings (-want +got):\n%s", max,
				cmp.Diff(want, got))
		}
	}
}

// checkCuts checks that every strict prefix of a well-formed document cut before
// its root element closes has a finding that ends the checks. A document that
// is not well-formed, or not read as UTF-8, is left alone.
func checkCuts(t *testing.T, data []byte, sh shape, out scanOutcome, opt validate.Options) {
	t.Helper()
	if out.Err != "" || !sh.exact {
		return
	}
	end := tagEnd(data, offsetOf(data, out.RootEnd))
	if end < 0 {
		t.Fatalf("no end of the root element at %v in a well-formed document", out.RootEnd)
	}
	for _, cut := range cutPoints(end, offsetOf(data, out.RootEnd)) {
		prefix := data[:cut]
		got := run(t, bytes.NewReader(prefix), opt)
		checkFindings(t, got, shapeOf(prefix))
		if !hasFatal(got) {
			t.Errorf("document cut after %d of %d bytes has no finding that ends the checks: %+v",
				cut, len(data), got.Findings)
		}
	}
}

// cutPoints picks where to cut a document whose root closes at offset end and
// whose end tag starts at offset endTag: everywhere in a short document, else
// evenly spread points and those around the end tag.
func cutPoints(end, endTag int) []int {
	if end < 256 {
		cuts := make([]int, end+1)
		for i := range cuts {
			cuts[i] = i
		}
		return cuts
	}
	const spread = 12
	cuts := []int{endTag - 1, endTag, endTag + 1, end - 1, end}
	for k := range spread {
		cuts = append(cuts, end*k/spread)
	}
	return cuts
}

func hasFatal(v validation) bool {
	for _, f := range v.Findings {
		if fatalIDs[f.ID] {
			return true
		}
	}
	return false
}

func schemaName(opt validate.Options) string {
	if opt.Schema == nil {
		return "(recognised)"
	}
	return opt.Schema.Name
}

// checkDocument runs every property of the scanner and the validator on data:
// the validator recognising the format, and forcing each schema of forced.
func checkDocument(t *testing.T, data []byte, forced ...*schema.Schema) {
	t.Helper()
	sh := shapeOf(data)
	out := scanAll(t, bytes.NewReader(data), sh)
	opt := validate.Options{}
	checkValidate(t, data, sh, opt)
	checkCuts(t, data, sh, out, opt)
	for _, s := range forced {
		opt.Schema = s
		checkValidate(t, data, sh, opt)
	}
}
