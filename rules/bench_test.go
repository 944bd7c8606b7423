package rules

import (
	"bytes"
	"testing"

	"qx/internal/postgen"
	"qx/internal/validate"
)

// BenchmarkChecker validates a generated posture export of 5,000 records with
// and without the built-in rules, to show what the rules cost.
func BenchmarkChecker(b *testing.B) {
	var doc bytes.Buffer
	if err := postgen.Write(&doc, postgen.Config{Seed: 1, Records: 5000}); err != nil {
		b.Fatal(err)
	}
	set := NewSet(Builtin().RecordRules())
	for _, withRules := range []bool{false, true} {
		name := map[bool]string{false: "content-model", true: "rules"}[withRules]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(doc.Len()))
			for b.Loop() {
				opt := validate.Options{}
				if withRules {
					opt.Observers = []validate.Observer{set.NewChecker()}
				}
				if _, err := validate.Validate(bytes.NewReader(doc.Bytes()), opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
