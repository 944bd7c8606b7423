package diffcmd

// Readers of qxdiff's outputs for the fuzz targets: the JSON document as
// encoding/json reads it, the tables of the markdown as GitHub splits their
// rows, and the checks that compare what they read.

import (
	"bytes"
	"encoding/json"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"qx/internal/diff"
)

// diffJSON is the JSON output as a consumer reads it.
type diffJSON struct {
	Differs bool
	Summary struct {
		OldRecords    int64 `json:"old_records"`
		NewRecords    int64 `json:"new_records"`
		Unchanged     int64
		Changed       int64
		Added         int64
		Removed       int64
		DuplicateKeys int64 `json:"duplicate_keys"`
		OldDuplicates int64 `json:"old_duplicates"`
		NewDuplicates int64 `json:"new_duplicates"`
		Kinds         map[string]int64
		Shown         map[string]int64
		Worse         int64
	}
	Hosts []struct {
		Host      string
		OldFailed int64 `json:"old_failed"`
		NewFailed int64 `json:"new_failed"`
		Kinds     map[string]int64
	}
	Changes []diffChange
}

// diffChange is a change of the JSON output; its records are kept as
// written.
type diffChange struct {
	Kind, Host, Control, Technology, Instance string
	Old, New                                  []json.RawMessage
	Also                                      []string
}

// key identifies the change's key.
func (c diffChange) key() string {
	return strings.Join([]string{c.Host, c.Control, c.Technology, c.Instance}, "\x00")
}

// jsonFields are the fields the README documents for the JSON output, at the
// top and in the summary.
var jsonFields = [2][]string{
	{"schema", "format", "fail_on", "differs", "old", "new", "filter", "summary", "hosts",
		"changes"},
	{"old_records", "new_records", "unchanged", "changed", "added", "removed",
		"duplicate_keys", "old_duplicates", "new_duplicates", "kinds", "shown", "worse", "noted"},
}

// readJSON parses the JSON output with encoding/json and checks that it has
// every documented field, a count for every kind, and records that add up.
func readJSON(t *testing.T, out []byte) *diffJSON {
	t.Helper()
	var top map[string]json.RawMessage
	var summary map[string]json.RawMessage
	var doc diffJSON
	if err := json.Unmarshal(out, &top); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if err := json.Unmarshal(top["summary"], &summary); err != nil {
		t.Fatalf("json summary: %v\n%s", err, out)
	}
	for i, fields := range []map[string]json.RawMessage{top, summary} {
		for _, name := range jsonFields[i] {
			if _, ok := fields[name]; !ok {
				t.Errorf("json: no field %q\n%s", name, out)
			}
		}
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	s := doc.Summary
	if len(s.Kinds) != diff.NumKinds || len(s.Shown) != diff.NumKinds ||
		s.OldRecords != s.Unchanged+s.Changed+s.Removed+s.OldDuplicates ||
		s.NewRecords != s.Unchanged+s.Changed+s.Added+s.NewDuplicates {
		t.Errorf("json: summary %+v lacks a kind or does not account for every record", s)
	}
	return &doc
}

// checkSelf compares a file with itself: exit status 0 for --fail-on
// regressed, and for --fail-on any unless a key is duplicate or a record
// has a date later than its export, the only changes it may show, each with
// the same records on both sides. It returns the JSON output, or nil when
// the file cannot be compared.
func checkSelf(t *testing.T, path string) *diffJSON {
	code, out, stderr := qxdiff("--format", "json", "--fail-on", "any", path, path)
	if code == ExitTrouble {
		if len(out) > 0 {
			t.Errorf("self: exit 2 with output %q", out)
		}
		return nil
	}
	doc := readJSON(t, out)
	s := doc.Summary
	if s.Changed != 0 || s.Added != 0 || s.Removed != 0 || s.Worse != 0 ||
		s.OldRecords != s.NewRecords {
		t.Errorf("self: a file compared with itself changed: %+v", s)
	}
	for _, c := range doc.Changes {
		if c.Kind != "duplicate" && c.Kind != "inconsistent" || !sameRecords(c.Old, c.New) {
			t.Errorf("self: change %+v in a file compared with itself", c)
		}
	}
	if want := min(len(doc.Changes), 1); code != want || doc.Differs != (want == 1) {
		t.Errorf("self: exit %d, differs %v, for %d changes with --fail-on any\n%s", code,
			doc.Differs, len(doc.Changes), stderr)
	}
	if code, md, _ := qxdiff("--format", "markdown", path, path); code != ExitSame {
		t.Errorf("self: exit %d with --fail-on regressed", code)
	} else {
		checkMarkdown(t, md)
	}
	return doc
}

// sameRecords compares records as written.
func sameRecords(a, b []json.RawMessage) bool {
	return slices.EqualFunc(a, b, func(x, y json.RawMessage) bool {
		var cx, cy bytes.Buffer
		return json.Compact(&cx, x) == nil && json.Compact(&cy, y) == nil &&
			bytes.Equal(cx.Bytes(), cy.Bytes())
	})
}

// mirror is the kind of a change with the sides swapped.
var mirror = map[string]string{
	"regressed": "fixed", "fixed": "regressed", "to_error": "from_error",
	"from_error": "to_error", "added": "removed", "removed": "added",
	"status_changed": "status_changed", "inconsistent": "inconsistent",
	"duplicate": "duplicate", "flapped": "flapped", "remediation": "remediation",
	"evidence": "evidence", "reevaluated": "reevaluated",
}

// swapped tells whether kind b, with the sides swapped, answers kind a. A
// record that kept its status flapped when its NEW streak began after OLD
// was captured: that depends on which side is OLD, so a flapped change may
// answer any kind of a kept status, and the reverse.
func swapped(a, b string) bool {
	kept := []string{"flapped", "remediation", "evidence", "reevaluated"}
	if (a == "flapped" || b == "flapped") && slices.Contains(kept, a) &&
		slices.Contains(kept, b) {
		return true
	}
	return mirror[a] == b
}

// checkSwap compares a with b and b with a: the same keys change, with
// swapped kinds and records, and the summary and hosts swap their sides.
func checkSwap(t *testing.T, a, b string) {
	var docs [2]*diffJSON
	for i, args := range [][]string{{a, b}, {b, a}} {
		code, out, stderr := qxdiff(append([]string{"--format", "json"}, args...)...)
		if code == ExitTrouble {
			t.Fatalf("swap: exports that differ only in fields cannot be compared:\n%s", stderr)
		}
		docs[i] = readJSON(t, out)
		_, md, _ := qxdiff(append([]string{"--format", "markdown"}, args...)...)
		checkMarkdown(t, md)
	}
	ab, ba := docs[0], docs[1]
	checkSwappedSummary(t, ab, ba)
	byKey := map[string]diffChange{}
	for _, c := range ba.Changes {
		byKey[c.key()] = c
	}
	if len(byKey) != len(ab.Changes) {
		t.Errorf("swap: %d changes, %d with the sides swapped", len(ab.Changes), len(byKey))
	}
	for _, c := range ab.Changes {
		r, ok := byKey[c.key()]
		switch {
		case !ok:
			t.Errorf("swap: %s %q is no change with the sides swapped", c.Kind, c.key())
		case !swapped(c.Kind, r.Kind) || !sameRecords(c.Old, r.New) || !sameRecords(c.New, r.Old):
			t.Errorf("swap: %+v is %+v with the sides swapped", c, r)
		case mirror[c.Kind] == r.Kind && !slices.Equal(c.Also, r.Also):
			t.Errorf("swap: %s %q also %q, with the sides swapped %q", c.Kind, c.key(), c.Also,
				r.Also)
		}
	}
}

// checkSwappedSummary checks that the summary and the hosts swap their
// sides.
func checkSwappedSummary(t *testing.T, ab, ba *diffJSON) {
	x, y := ab.Summary, ba.Summary
	if x.OldRecords != y.NewRecords || x.NewRecords != y.OldRecords || x.Added != y.Removed ||
		x.Removed != y.Added || x.Unchanged != y.Unchanged || x.Changed != y.Changed ||
		x.DuplicateKeys != y.DuplicateKeys || x.OldDuplicates != y.NewDuplicates {
		t.Errorf("swap: summary %+v, with the sides swapped %+v", x, y)
	}
	failed := map[string][2]int64{}
	for _, h := range ab.Hosts {
		failed[h.Host] = [2]int64{h.OldFailed, h.NewFailed}
	}
	swappedHosts := map[string][2]int64{}
	for _, h := range ba.Hosts {
		swappedHosts[h.Host] = [2]int64{h.NewFailed, h.OldFailed}
	}
	if !maps.Equal(failed, swappedHosts) {
		t.Errorf("swap: hosts' failed records %v, with the sides swapped %v", failed,
			swappedHosts)
	}
}

// delimiterRow matches the row under a table's header.
var delimiterRow = regexp.MustCompile(`^\|( *:?-+:? *\|)+$`)

// checkMarkdown reads the tables of the markdown output as GitHub does: a
// header row, a delimiter row, then rows up to a blank line, each split into
// cells at every "|" that no backslash escapes. Every row must have the
// header's number of cells, and no line outside a table may start like a row.
func checkMarkdown(t *testing.T, out []byte) {
	t.Helper()
	lines := strings.Split(strings.ReplaceAll(strings.ReplaceAll(string(out), "\r\n", "\n"),
		"\r", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		if i+1 >= len(lines) || !delimiterRow.MatchString(lines[i+1]) {
			if strings.HasPrefix(lines[i], "|") {
				t.Errorf("markdown: line %d %q is a row outside a table\n%s", i+1, lines[i], out)
			}
			continue
		}
		want := cells(lines[i])
		for i += 2; i < len(lines) && lines[i] != ""; i++ {
			if n := cells(lines[i]); n != want {
				t.Errorf("markdown: line %d %q has %d cells, its header %d\n%s", i+1, lines[i],
					n, want, out)
			}
		}
	}
}

// cells counts the cells of a table row.
func cells(row string) int {
	row = strings.TrimSpace(row)
	row = strings.TrimPrefix(row, "|")
	if strings.HasSuffix(row, "|") && !strings.HasSuffix(row, `\|`) {
		row = row[:len(row)-1]
	}
	n := 1
	for i := range len(row) {
		if row[i] == '|' && (i == 0 || row[i-1] != '\\') {
			n++
		}
	}
	return n
}
