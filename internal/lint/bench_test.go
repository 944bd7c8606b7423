package lint

import (
	"os"
	"testing"

	"qx/internal/validate"
)

// BenchmarkCheckFile checks the file named by QX_BENCH_FILE, as qxlint does.
func BenchmarkCheckFile(b *testing.B) {
	path := os.Getenv("QX_BENCH_FILE")
	if path == "" {
		b.Skip("set QX_BENCH_FILE to a document to check")
	}
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	for b.Loop() {
		res := CheckOne(fileInput(path), validate.Options{MaxFindings: 100})
		if res.Err != nil {
			b.Fatal(res.Err)
		}
	}
}
