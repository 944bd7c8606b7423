package rules

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"qx/internal/validate"
)

// findingIDs returns the values of the string constants named ID... in the
// non-test Go files of dir: the finding ids a package can report.
func findingIDs(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var ids []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok || len(vs.Values) == 0 {
				return true
			}
			for i, id := range vs.Names {
				if lit, ok := vs.Values[min(i, len(vs.Values)-1)].(*ast.BasicLit); ok &&
					strings.HasPrefix(id.Name, "ID") && lit.Kind == token.STRING {
					v, _ := strconv.Unquote(lit.Value)
					ids = append(ids, v)
				}
			}
			return true
		})
	}
	return ids
}

// TestCatalogCoversEveryID reads the id constants of the scanner, the
// validator and this package from their source, so an id added anywhere
// without a catalog entry fails here.
func TestCatalogCoversEveryID(t *testing.T) {
	cat := Builtin()
	for _, dir := range []string{"../internal/scan", "../internal/validate", "."} {
		ids := findingIDs(t, dir)
		if len(ids) == 0 {
			t.Fatalf("no ID constants found in %s", dir)
		}
		for _, id := range ids {
			if cat.Lookup(id) == nil {
				t.Errorf("finding id %q of %s has no catalog entry: --list-rules and "+
					"--explain would not know it", id, dir)
			}
		}
	}
}

func TestRulesAreDocumented(t *testing.T) {
	for _, r := range Builtin().All() {
		switch {
		case r.Title == "" || strings.ToLower(r.Title[:1]) != r.Title[:1] &&
			!strings.HasPrefix(r.Title, "IS_"):
			t.Errorf("%s: title %q must start lowercase", r.ID, r.Title)
		case strings.HasSuffix(r.Title, "."):
			t.Errorf("%s: title %q must not end with a period", r.ID, r.Title)
		case !strings.HasSuffix(r.Text, "."):
			t.Errorf("%s: text must be sentences saying why the finding matters", r.ID)
		case r.Severity != validate.Error && r.Severity != validate.Warning:
			t.Errorf("%s: no severity", r.ID)
		case r.Kind == 0:
			t.Errorf("%s: no kind", r.ID)
		case r.IsRecordRule() != (len(r.Records) > 0):
			t.Errorf("%s: a record rule needs record paths, and only a record rule has them",
				r.ID)
		}
	}
}

// TestRuleExamples checks the good and bad example of every semantic rule
// and of page-missing in corpus/rules: the bad one raises that rule's
// findings and no other, the good one raises nothing.
func TestRuleExamples(t *testing.T) {
	for _, r := range Builtin().All() {
		if r.Kind != Semantic && r.ID != IDPageMissing {
			continue
		}
		for _, kind := range []string{"good", "bad"} {
			name := filepath.Join("..", "corpus", "rules", r.ID+"."+kind+".xml")
			data, err := os.ReadFile(name)
			if err != nil {
				t.Errorf("rule %s has no %s example: %v", r.ID, kind, err)
				continue
			}
			got, page := checkPage(t, string(data))
			for _, f := range ResolvePages([]PageOf{{File: name, Page: page}}) {
				got = append(got, f.Pos.String()+" "+f.ID)
			}
			bad := slices.ContainsFunc(got, func(s string) bool {
				return !strings.Contains(s, r.ID)
			})
			if kind == "good" && len(got) > 0 || kind == "bad" && (len(got) == 0 || bad) {
				t.Errorf("%s: findings %v; the bad example must raise %s alone, the good one "+
					"nothing", name, got, r.ID)
			}
		}
	}
}

func TestCatalogAdd(t *testing.T) {
	tests := []struct {
		name, reason, id string
		ok               bool
	}{
		{"new", "a fresh id is added", "site-rule-1", true},
		{"built-in", "a custom rule cannot take a built-in id", IDAfterReply, false},
		{"content model", "nor an id of the content models", validate.IDValue, false},
		{"upper case", "ids are lowercase", "Site-Rule", false},
		{"trailing hyphen", "ids do not end with a hyphen", "site-", false},
		{"digit first", "ids start with a letter", "1rule", false},
	}
	for _, tt := range tests {
		err := Builtin().Add(&Rule{ID: tt.id, Kind: Custom})
		if (err == nil) != tt.ok {
			t.Errorf("%s: Add(%q) = %v: %s", tt.name, tt.id, err, tt.reason)
		}
	}
}

func TestBuiltinIsFresh(t *testing.T) {
	a := Builtin()
	if err := a.Add(&Rule{ID: "only-in-a", Kind: Custom}); err != nil {
		t.Fatal(err)
	}
	if Builtin().Lookup("only-in-a") != nil {
		t.Error("a rule added to one catalog shows in another")
	}
}
