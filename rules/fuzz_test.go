package rules

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"qx/internal/validate"
)

// FuzzChecker runs every built-in rule, and a custom assertion, on arbitrary
// documents seeded from the corpus and the test tables: no input may crash a
// rule, and every finding has a position.
func FuzzChecker(f *testing.F) {
	for _, dir := range []string{"rules", "valid", "invalid"} {
		files, _ := filepath.Glob(filepath.Join("..", "corpus", dir, "*.xml"))
		for _, name := range files {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(posture(d4, dates("Failed", d3, d2, d1, d4))))
	f.Add([]byte(page("7", warning("1980", "https://h/?id_min=9"))))
	custom := assertRule("fuzz", &Assertion{Context: ".//*", Assert: "string-length(.) < 40",
		Value: "name()", Message: "{name()} {substring(., 1, 10)}"})
	set := NewSet(append(Builtin().RecordRules(), custom))
	f.Fuzz(func(t *testing.T, doc []byte) {
		c := set.NewChecker()
		res, err := validate.Validate(bytes.NewReader(doc),
			validate.Options{Observers: []validate.Observer{c}})
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range res.Findings {
			if x.Pos.Line < 1 || x.Pos.Col < 1 {
				t.Errorf("finding without position: %+v", x)
			}
		}
		ResolvePages([]PageOf{{File: "f", Page: c.Page()}})
	})
}

// FuzzLoad reads arbitrary rules files, seeded from the test data of the
// command: a broken file is an error, never a crash, and a rule that loads
// can be evaluated.
func FuzzLoad(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("..", "internal", "lintcmd", "testdata", "rules*.json"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"rules": [{"id": "a", "title": "t", "severity": "error", "records": ["/A"],` +
		` "assert": "b", "message": "{c}"}]}`))
	doc := []byte(posture(d4, dates("Failed", d3, d2, d1, d4)))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := Load(bytes.NewReader(data), "fuzz.json")
		if err != nil {
			return
		}
		set := NewSet(rs)
		if _, err := validate.Validate(bytes.NewReader(doc),
			validate.Options{Observers: []validate.Observer{set.NewChecker()}}); err != nil {
			t.Fatal(err)
		}
	})
}
