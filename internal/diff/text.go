package diff

import (
	"hash/maphash"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// hashSeed seeds the text hashes. Hashes are compared within one process only,
// never written out, so a random seed is fine.
var hashSeed = maphash.MakeSeed()

// textAcc normalizes a text as it arrives in chunks, hashes it and keeps a
// bounded copy: leading and trailing white space is dropped and every run of
// it inside becomes one space, so re-wrapped text compares equal.
type textAcc struct {
	h         maphash.Hash
	keep      bool
	kept      []byte
	truncated bool
	pending   bool // white space seen after a word
	started   bool // a word written since the last separator
	used      bool // anything written at all
	scratch   []byte
}

// reset starts a new text; keep asks for a copy of it.
func (t *textAcc) reset(keep bool) {
	if !t.used && t.keep == keep {
		return
	}
	t.h.SetSeed(hashSeed)
	t.keep, t.kept, t.truncated = keep, t.kept[:0], false
	t.pending, t.started, t.used = false, false, false
}

// write adds a chunk of text, copying runs of non-space bytes whole.
func (t *textAcc) write(chunk []byte) {
	out := t.scratch[:0]
	for i := 0; i < len(chunk); {
		if isSpace(chunk[i]) {
			t.pending = t.started
			i++
			continue
		}
		j := i + 1
		for j < len(chunk) && !isSpace(chunk[j]) {
			j++
		}
		if t.pending {
			out = append(out, ' ')
			t.pending = false
		}
		out = append(out, chunk[i:j]...)
		t.started = true
		i = j
	}
	t.scratch = out
	t.add(out)
}

// sep adds a separator between two parts of a structured text; the white
// space around it is dropped.
func (t *textAcc) sep(s string) {
	t.pending, t.started = false, false
	t.scratch = append(t.scratch[:0], s...)
	t.add(t.scratch)
}

func (t *textAcc) add(b []byte) {
	if len(b) == 0 {
		return
	}
	if !t.used {
		t.h.SetSeed(hashSeed)
		t.used = true
	}
	t.h.Write(b)
	if !t.keep || t.truncated {
		return
	}
	if room := MaxKeptText - len(t.kept); len(b) > room {
		b, t.truncated = b[:room], true
	}
	t.kept = append(t.kept, b...)
}

// sum returns the hash of the text, 0 for an empty or absent one.
func (t *textAcc) sum() uint64 {
	if !t.used {
		return 0
	}
	return t.h.Sum64() | 1
}

// Op is what a step of a word-level diff does.
type Op int8

// The steps of a word-level diff.
const (
	OpEqual  Op = iota // words in both texts
	OpDelete           // words only in OLD's text
	OpInsert           // words only in NEW's text
)

var opNames = [...]string{"equal", "delete", "insert"}

// String returns equal, delete or insert.
func (o Op) String() string { return opNames[o] }

// Edit is one step of a word-level diff: a run of words, with the white space
// between them, that both texts share or only one has.
type Edit struct {
	Op   Op
	Text string
}

// WordDiff returns the word-level differences that turn old into new.
func WordDiff(old, new string) []Edit {
	words := map[string]rune{}
	var table []string
	a, b := toRunes(old, words, &table), toRunes(new, words, &table)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0 // a deadline would make the result depend on speed
	diffs := dmp.DiffCleanupSemantic(dmp.DiffMainRunes(a, b, false))
	edits := make([]Edit, 0, len(diffs))
	for _, d := range diffs {
		var text []byte
		for _, r := range d.Text {
			text = append(text, table[runeIndex(r)]...)
		}
		op := OpEqual
		switch d.Type {
		case diffmatchpatch.DiffDelete:
			op = OpDelete
		case diffmatchpatch.DiffInsert:
			op = OpInsert
		}
		edits = append(edits, Edit{Op: op, Text: string(text)})
	}
	return edits
}

// toRunes splits s into words and the white space between them, and maps each
// distinct piece to one rune, so the character diff works on whole words.
func toRunes(s string, words map[string]rune, table *[]string) []rune {
	var rs []rune
	for i := 0; i < len(s); {
		j := i + 1
		for j < len(s) && isSpace(s[j]) == isSpace(s[i]) {
			j++
		}
		w := s[i:j]
		r, ok := words[w]
		if !ok {
			r = indexRune(len(*table))
			words[w] = r
			*table = append(*table, w)
		}
		rs = append(rs, r)
		i = j
	}
	return rs
}

// indexRune maps a table index to a rune that survives conversion to a
// string: surrogates are skipped.
func indexRune(i int) rune {
	r := rune(i + 1)
	if r >= 0xD800 {
		r += 0x800
	}
	return r
}

func runeIndex(r rune) int {
	if r >= 0xE000 {
		r -= 0x800
	}
	return int(r) - 1
}
