package diffcmd

import "testing"

// TestMarkdownRows renders exports whose values once broke a table row and
// reads the markdown back as FuzzDiffExports does, both ways round.
func TestMarkdownRows(t *testing.T) {
	dup := record{side: "b", f: [numFields]string{fHost: "1", fControl: "2", fTech: "3",
		fStatus: "Passed|Failed"}}
	tests := []struct {
		name, reason string
		pair         exportPair
	}{
		{"pipe in a criticality", "the criticality cell was written unescaped: a | in a " +
			"glossary LABEL split the row", hostilePair("a|b")},
		{"line end in a file name", "a file name is written as inline code, which cannot " +
			"hold a line end", hostilePair("line\nbreak")},
		{"lone CR in a value", "a lone CR ends a line in markdown, as LF does",
			hostilePair("cr\rhere")},
		{"pipe in a duplicate's status", "the statuses listed for a duplicate key were " +
			"written unescaped", exportPair{names: [2]string{"old.xml", "new.xml"},
			records: []record{dup, dup}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths := writePair(t, tt.pair)
			for _, args := range [][2]string{{paths[0], paths[1]}, {paths[1], paths[0]}} {
				_, md, _ := qxdiff("--format", "markdown", args[0], args[1])
				checkMarkdown(t, md)
			}
			if t.Failed() {
				t.Log("why it matters: " + tt.reason)
			}
		})
	}
}
