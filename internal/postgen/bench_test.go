package postgen_test

import (
	"io"
	"testing"

	"qx/internal/postgen"
)

// BenchmarkWrite measures generation speed; MB/s is what a benchmark run
// of a 1 GB export will see, apart from the disk.
func BenchmarkWrite(b *testing.B) {
	cases := []struct {
		name string
		cfg  postgen.Config
	}{
		{"ordered", postgen.Config{Seed: 1, Records: 20000}},
		{"shuffled", postgen.Config{Seed: 1, Records: 20000, Shuffle: true}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			size := int64(len(write(b, c.cfg)))
			b.SetBytes(size)
			b.ResetTimer()
			for b.Loop() {
				if err := postgen.Write(io.Discard, c.cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWritePair measures both sides of a pair together.
func BenchmarkWritePair(b *testing.B) {
	cfg := postgen.PairConfig{Config: postgen.Config{Seed: 1, Records: 20000}, ShuffleNew: true}
	size := 2 * int64(len(write(b, cfg.Config)))
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		if _, err := postgen.WritePair(io.Discard, io.Discard, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
