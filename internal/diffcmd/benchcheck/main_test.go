package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	const changes = `{"old_records": 3, "new_records": 3, "unchanged": 1, "changes": [
		{"host_id": 1, "control_id": 2, "technology_id": 3, "instance": "os", "kind": "fixed"},
		{"host_id": 1, "control_id": 4, "technology_id": 3, "instance": "", "kind": "added"}]}`
	tests := []struct {
		name, reason, qxdiff string
		code                 int
	}{
		{"match", "the same changes in another order match",
			`{"summary": {"old_records": 3, "new_records": 3, "unchanged": 1}, "changes": [
			{"kind": "added", "host": "1", "control": "4", "technology": "3", "instance": ""},
			{"kind": "fixed", "host": "1", "control": "2", "technology": "3", "instance": "os"}]}`,
			0},
		{"kind", "another kind for a key is a mismatch",
			`{"summary": {"old_records": 3, "new_records": 3, "unchanged": 1}, "changes": [
			{"kind": "added", "host": "1", "control": "4", "technology": "3", "instance": ""},
			{"kind": "flapped", "host": "1", "control": "2", "technology": "3",
			 "instance": "os"}]}`,
			1},
		{"counts", "other record counts are a mismatch",
			`{"summary": {"old_records": 3, "new_records": 4, "unchanged": 1}, "changes": [
			{"kind": "added", "host": "1", "control": "4", "technology": "3", "instance": ""},
			{"kind": "fixed", "host": "1", "control": "2", "technology": "3", "instance": "os"}]}`,
			1},
	}
	dir := t.TempDir()
	want := filepath.Join(dir, "changes.json")
	os.WriteFile(want, []byte(changes), 0o644)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := filepath.Join(dir, tt.name+".json")
			os.WriteFile(got, []byte(tt.qxdiff), 0o644)
			var out, errOut bytes.Buffer
			code := run([]string{got, want}, &out, &errOut)
			if code != tt.code || !strings.HasPrefix(out.String(), "changes") {
				t.Errorf("%s: exit %d, output %q %q; want exit %d", tt.reason, code, &out, &errOut,
					tt.code)
			}
		})
	}
}
