package fuzz

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"

	"qx/internal/lint"
	"qx/internal/validate"
)

// maxInflate bounds how much of a gzip stream the properties inflate to compare:
// a few bytes of input can stand for gigabytes.
const maxInflate = 8 << 20

// FuzzLint checks arbitrary bytes as a file, plain or gzip-compressed, the way
// qxlint does, and checks that a file that can be read is always judged (no
// error, only findings), that plain input gets the findings of the validator,
// that a gzip stream gets those of the document inside, and that a broken
// stream gets a finding that ends the checks.
func FuzzLint(f *testing.F) {
	for _, c := range loadCorpus(f) {
		f.Add(c.raw)
		if bytes.Equal(c.raw, c.doc) {
			for _, z := range gzipped(c.doc) {
				f.Add(z)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(timeLimit, data)()
		in := lint.Input{Name: "fuzz", Open: func() (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(data)), nil
		}}
		fr := lint.CheckOne(in, validate.Options{})
		if fr.Err != nil {
			t.Fatalf("an in-memory file could not be checked: %v", fr.Err)
		}
		got := validation{Findings: fr.Result.Findings, Dropped: fr.Result.Dropped,
			Errors: fr.Result.Errors, Warnings: fr.Result.Warnings}
		if fr.Result.Schema != nil {
			got.Schema = fr.Result.Schema.Name
		}
		doc, err := inflate(data)
		switch {
		case errors.Is(err, errTooLarge):
			return
		case err != nil:
			if !hasFatal(got) {
				t.Errorf("a broken gzip stream (%v) has no finding that ends the checks: %+v",
					err, got.Findings)
			}
			return
		}
		want := run(t, bytes.NewReader(doc), validate.Options{})
		if !cmp.Equal(want, got) {
			t.Errorf("checking the file differs from validating its document "+
				"(-validate +lint):\n%s", cmp.Diff(want, got))
		}
	})
}

var errTooLarge = errors.New("inflates to more than maxInflate bytes")

// inflate returns the document in data, inflated if it is gzip, or why it
// cannot: the stream is broken or inflates to more than maxInflate bytes.
func inflate(data []byte) ([]byte, error) {
	r, err := lint.Decompress(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	doc, err := io.ReadAll(io.LimitReader(r, maxInflate+1))
	if err == nil && len(doc) > maxInflate {
		err = errTooLarge
	}
	return doc, err
}
