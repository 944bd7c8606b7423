package fuzz

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"regexp"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// timeLimit is how long one input may take under all properties of a target;
// nothing near it is needed, so reaching it means the code under test hangs.
const timeLimit = 60 * time.Second

// FuzzScan scans arbitrary bytes and checks that every token, report and error
// lies inside the document, that tokens nest and come in order, that text holds
// only characters XML allows, that an error is returned again on every later
// call, and that reading one byte (or half a buffer) at a time gives the same
// tokens, reports and error as reading at once.
func FuzzScan(f *testing.F) {
	seedDocuments(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(timeLimit, data)()
		sh := shapeOf(data)
		want := scanAll(t, bytes.NewReader(data), sh)
		for _, nr := range readers(data) {
			if got := scanAll(t, nr.r, sh); !cmp.Equal(want, got) {
				t.Errorf("reading %s differs (-at once +%s):\n%s", nr.name, nr.name,
					cmp.Diff(want, got))
			}
		}
	})
}

// FuzzWellFormed checks that the scanner and xmllint agree on whether input is
// well-formed, where qx does not differ from XML parsers by design; see
// notComparable.
func FuzzWellFormed(f *testing.F) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		f.Skip("xmllint not installed (Debian package libxml2-utils)")
	}
	seedDocuments(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer watchdog(timeLimit, data)()
		if why := notComparable(data); why != "" {
			t.Skip(why)
		}
		out := scanAll(t, bytes.NewReader(data), shapeOf(data))
		if out.Limit {
			t.Skip("qx's limits (depth, name length, attributes) are lower than libxml2's")
		}
		theirs, msg := wellFormed(t, xmllint, data)
		if ours := out.Err == ""; ours != theirs {
			t.Errorf("qx well-formed: %v (%s), xmllint: %v\n%s\ninput: %q",
				ours, out.Err, theirs, msg, data)
		}
	})
}

var (
	// encodingDecl finds an encoding declaration in an XML declaration.
	encodingDecl = regexp.MustCompile(`^(?:\xEF\xBB\xBF)?<\?xml[^>]*encoding\s*=\s*["']([^"']*)`)
	// entityRef finds a reference to an entity by name.
	entityRef = regexp.MustCompile(`&([^#;&<>"'\s]+)`)
)

// notComparable says why xmllint's verdict on data cannot be compared with qx's,
// or returns "" when it can. Each reason is a difference by design.
func notComparable(data []byte) string {
	switch {
	case !utf8.Valid(data):
		return "not UTF-8: qx reads only UTF-8 and UTF-16 with a byte order mark, " +
			"and xmllint guesses other encodings"
	case bytes.Contains(data, []byte("<!DOCTYPE")) && bytes.IndexByte(data, '[') >= 0:
		return "may hold an internal subset: qx reads one only for its entity " +
			"declarations and checks no other syntax in it"
	}
	if m := encodingDecl.FindSubmatch(data); m != nil && !bytes.EqualFold(m[1], []byte("UTF-8")) {
		return "declares an encoding other than UTF-8: qx reads no other"
	}
	for _, m := range entityRef.FindAllSubmatch(data, -1) {
		switch string(m[1]) {
		case "lt", "gt", "amp", "apos", "quot":
			continue
		}
		return "refers to an entity that is not predefined: qx never expands one, " +
			"and xmllint rejects an undeclared one"
	}
	return ""
}

// wellFormed asks xmllint whether data is a well-formed document, never letting
// it reach the network, and returns its verdict and messages.
func wellFormed(t *testing.T, xmllint string, data []byte) (bool, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, xmllint, "--noout", "--nonet", "-")
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return true, string(out)
	case errors.As(err, &exit) && exit.ExitCode() == 1:
		return false, string(out)
	}
	t.Fatalf("xmllint failed: %v\n%s", err, out)
	return false, ""
}
