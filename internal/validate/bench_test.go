package validate

import (
	"bytes"
	"os"
	"testing"
)

func BenchmarkValidateFile(b *testing.B) {
	path := os.Getenv("QX_BENCH_FILE")
	if path == "" {
		b.Skip("set QX_BENCH_FILE")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Validate(bytes.NewReader(data), Options{MaxFindings: 100})
	}
}
