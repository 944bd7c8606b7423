package diff

import (
	"context"
	"testing"

	"qx/internal/lint"
	"qx/internal/postgen"
)

// BenchmarkCompare reads and compares a generated pair of 20,000 records a
// side, each shuffled, within a budget small enough to spill; bytes/s counts
// both sides.
func BenchmarkCompare(b *testing.B) {
	old, new, _ := genPair(b, postgen.PairConfig{Config: postgen.Config{Seed: 5,
		Records: 20000, Shuffle: true}, ShuffleNew: true})
	b.SetBytes(int64(len(old) + len(new)))
	b.ReportAllocs()
	for b.Loop() {
		s, err := Read(context.Background(), []lint.Input{memInput("old.xml", old)},
			[]lint.Input{memInput("new.xml", new)}, Options{Memory: 4 << 20})
		if err != nil {
			b.Fatal(err)
		}
		r, err := s.Compare()
		if err != nil {
			b.Fatal(err)
		}
		r.Close()
		s.Close()
	}
}
