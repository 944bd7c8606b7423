package lintcmd

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGoldenCorpus runs qxlint on every corpus file and compares what it prints
// and its exit status with golden/qxlint/<file>.txt.
func TestGoldenCorpus(t *testing.T) {
	t.Chdir("../..")
	var files []string
	filepath.WalkDir("corpus", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".xml") || strings.HasSuffix(p, ".xml.gz")) {
			files = append(files, p)
		}
		return err
	})
	if len(files) == 0 {
		t.Fatal("no corpus files found")
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			checkGolden(t, filepath.Join("golden", "qxlint", f+".txt"), "--jobs=1", f)
		})
	}
}

// runTranscript runs qxlint and renders its output and exit status.
func runTranscript(args ...string) []byte {
	var stdout, stderr bytes.Buffer
	code := Main(args, strings.NewReader(""), &stdout, &stderr)
	var b bytes.Buffer
	fmt.Fprintf(&b, "$ qxlint %s\n%s", strings.Join(args, " "), stdout.Bytes())
	fmt.Fprintf(&b, "# stderr\n%s# exit %d\n", stderr.Bytes(), code)
	return b.Bytes()
}

// checkGolden compares a run of qxlint with a golden file, or rewrites the file
// with -update.
func checkGolden(t *testing.T, golden string, args ...string) {
	t.Helper()
	got := runTranscript(args...)
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/lintcmd -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("qxlint output differs from %s\n--- want\n%s--- got\n%s", golden, want, got)
	}
}
