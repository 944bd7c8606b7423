package diff

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTextNormalized(t *testing.T) {
	tests := []struct {
		name, reason string
		a, b         []string // chunks of two texts
		same         bool
	}{
		{"trim", "white space around a CDATA text is not part of it",
			[]string{"\n   Review it.  \n"}, []string{"Review it."}, true},
		{"rewrap", "re-wrapped lines are the same words", []string{"a b\n\t c"},
			[]string{"a  b c"}, true},
		{"chunks", "a text split into chunks is the same text", []string{"Rev", "iew it"},
			[]string{"Review it"}, true},
		{"space at chunk edge", "white space at a chunk's end still separates words",
			[]string{"a ", " b"}, []string{"a b"}, true},
		{"words", "a changed word is a change", []string{"DB,EXTENDED"}, []string{"OS"}, false},
		{"empty", "an empty text is an absent one", []string{"  \n "}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a, b textAcc
			a.reset(true)
			b.reset(true)
			for _, c := range tt.a {
				a.write([]byte(c))
			}
			for _, c := range tt.b {
				b.write([]byte(c))
			}
			if (a.sum() == b.sum()) != tt.same {
				t.Errorf("%q vs %q: same = %v, want %v (%s)", a.kept, b.kept, !tt.same, tt.same,
					tt.reason)
			}
		})
	}
}

func TestTextKeptBounded(t *testing.T) {
	var a textAcc
	a.reset(true)
	a.write([]byte(strings.Repeat("word ", MaxKeptText)))
	if len(a.kept) != MaxKeptText || !a.truncated {
		t.Errorf("kept %d bytes, truncated %v; want %d, true", len(a.kept), a.truncated,
			MaxKeptText)
	}
}

func TestWordDiff(t *testing.T) {
	tests := []struct {
		name, reason, old, new string
		want                   []Edit
	}{
		{"same", "equal texts are one equal step", "a b", "a b", []Edit{{OpEqual, "a b"}}},
		{"word", "a changed word is deleted and inserted whole", "set audit_trail=DB now",
			"set audit_trail=OS now", []Edit{{OpEqual, "set "}, {OpDelete, "audit_trail=DB"},
				{OpInsert, "audit_trail=OS"}, {OpEqual, " now"}}},
		{"added", "added words are one insertion", "restart it", "restart it and check",
			[]Edit{{OpEqual, "restart it"}, {OpInsert, " and check"}}},
		{"empty old", "a text that appears is all inserted", "", "new text",
			[]Edit{{OpInsert, "new text"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := cmp.Diff(tt.want, WordDiff(tt.old, tt.new)); d != "" {
				t.Errorf("%s (-want +got):\n%s", tt.reason, d)
			}
		})
	}
}
