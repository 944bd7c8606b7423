package fuzz

import (
	"bytes"
	"compress/gzip"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf16"

	"qx/internal/lint"
	"qx/internal/validate"
	"qx/schema"
)

// maxSeedLen bounds a seed taken from a test table: the tables hold a few
// documents of hundreds of kilobytes that test streaming, too slow to check
// under every property on each run.
const maxSeedLen = 64 << 10

// tableFiles are the table tests whose documents seed the targets, with how many
// documents each must give at least, so that a renamed field cannot silently
// take the seeds away.
var tableFiles = []struct {
	path string
	min  int
}{
	{"../internal/scan/scan_test.go", 25},
	{"../internal/validate/validate_test.go", 10},
}

// extraSeeds are documents no table holds: encodings and corners the tables
// leave out, and regressions of bugs the targets found.
var extraSeeds = []string{
	`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n<A x='1'>t</A>\n",
	"<A>\r\n<B a=\"x\r\ny\"/>\r</A>\r\n",
	"<A><![CDATA[x]]]]><![CDATA[>]]></A>",
	"<A><?pi data?><!-- c --></A><!-- after -->",
	`<!DOCTYPE A PUBLIC "-//Q//DTD A//EN" "a.dtd"><A/>`,
	"<A b='&#x10FFFF;&#9;'>&#xD7FF;&#65;</A>",
	"\xEF\xBB\xBF<A/>",
	"<A>\xF0\x9D\x84\x9E\xC2\x80</A>",
	"<SIMPLE_RETURN>a" + strings.Repeat("é", 30) + "</SIMPLE_RETURN>",
	// Regressions (see the package tests of internal/scan for each).
	"<A>&#0000000065;</A>",
	`<!DOCTYPE A PUBLIC "{" "a.dtd"><A/>`,
}

// utf16Seeds are UTF-16 documents with both byte orders.
func utf16Seeds() [][]byte {
	doc := `<?xml version="1.0" encoding="UTF-16"?>` + "\n<SIMPLE_RETURN>é𝄞</SIMPLE_RETURN>"
	var out [][]byte
	for _, big := range []bool{true, false} {
		var b []byte
		for _, u := range append([]uint16{0xFEFF}, utf16.Encode([]rune(doc))...) {
			if big {
				b = append(b, byte(u>>8), byte(u))
			} else {
				b = append(b, byte(u), byte(u>>8))
			}
		}
		out = append(out, b)
	}
	return out
}

// corpusFile is one specimen of corpus/.
type corpusFile struct {
	path   string
	raw    []byte         // as stored, gzip-compressed or not
	doc    []byte         // the document: raw, inflated if it is gzip
	schema *schema.Schema // the format qx recognises in it, or nil
}

var (
	corpusOnce  sync.Once
	corpusFiles []corpusFile
	corpusErr   error
)

// loadCorpus reads every specimen of corpus/ once.
func loadCorpus(tb testing.TB) []corpusFile {
	tb.Helper()
	corpusOnce.Do(func() { corpusFiles, corpusErr = readCorpus() })
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	if len(corpusFiles) == 0 {
		tb.Fatal("no corpus files in ../corpus")
	}
	return corpusFiles
}

func readCorpus() ([]corpusFile, error) {
	paths, err := filepath.Glob("../corpus/*/*.xml*")
	if err != nil {
		return nil, err
	}
	var files []corpusFile
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		doc := raw
		if bytes.HasPrefix(raw, []byte{0x1f, 0x8b}) {
			// A cut stream gives what it can: that is the document qx sees.
			r, _ := lint.Decompress(bytes.NewReader(raw))
			doc, _ = io.ReadAll(r)
		}
		res, err := validate.Validate(bytes.NewReader(doc), validate.Options{})
		if err != nil {
			return nil, err
		}
		files = append(files, corpusFile{path: p, raw: raw, doc: doc, schema: res.Schema})
	}
	return files, nil
}

// tableDocs returns the documents of the table tests named in tableFiles.
func tableDocs(tb testing.TB) []string {
	tb.Helper()
	var docs []string
	for _, tf := range tableFiles {
		got, err := docsOf(tf.path)
		if err != nil {
			tb.Fatal(err)
		}
		if len(got) < tf.min {
			tb.Fatalf("%s gave %d documents, want at least %d: did its table change shape?",
				tf.path, len(got), tf.min)
		}
		docs = append(docs, got...)
	}
	return docs
}

// docsOf reads the documents of a Go test file as data: the values of doc fields,
// the third item of table entries written without field names (name, reason,
// document, ...), and string constants and variables that hold markup.
func docsOf(path string) ([]string, error) {
	file, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		return nil, err
	}
	consts := stringConsts(file)
	var docs []string
	add := func(e ast.Expr) {
		if s, ok := evalString(e, consts); ok && len(s) <= maxSeedLen && !slices.Contains(docs, s) {
			docs = append(docs, s)
		}
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && id.Name == "doc" {
				add(n.Value)
			}
		case *ast.CompositeLit:
			if positionalEntry(n, consts) {
				add(n.Elts[2])
			}
		}
		return true
	})
	for _, v := range consts {
		if strings.Contains(v, "<") {
			add(&ast.BasicLit{Kind: token.STRING, Value: strconv.Quote(v)})
		}
	}
	slices.Sort(docs)
	return docs, nil
}

// positionalEntry tells whether c is a table entry {name, reason, doc, ...}.
func positionalEntry(c *ast.CompositeLit, consts map[string]string) bool {
	if len(c.Elts) < 4 {
		return false
	}
	for _, e := range c.Elts[:3] {
		if _, ok := e.(*ast.KeyValueExpr); ok {
			return false
		}
		if _, ok := evalString(e, consts); !ok {
			return false
		}
	}
	return true
}

// stringConsts collects the string constants and variables of a file that are
// given one constant expression, wherever they are declared.
func stringConsts(file *ast.File) map[string]string {
	consts := map[string]string{}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ValueSpec:
			if len(n.Names) == 1 && len(n.Values) == 1 {
				if s, ok := evalString(n.Values[0], consts); ok {
					consts[n.Names[0].Name] = s
				}
			}
		case *ast.AssignStmt:
			if len(n.Lhs) == 1 && len(n.Rhs) == 1 && n.Tok == token.DEFINE {
				id, ok := n.Lhs[0].(*ast.Ident)
				s, isStr := evalString(n.Rhs[0], consts)
				if ok && isStr {
					consts[id.Name] = s
				}
			}
		}
		return true
	})
	return consts
}

// evalString evaluates a string literal, a known constant, or a sum of them.
func evalString(e ast.Expr, consts map[string]string) (string, bool) {
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(e.Value)
		return s, err == nil
	case *ast.Ident:
		s, ok := consts[e.Name]
		return s, ok
	case *ast.ParenExpr:
		return evalString(e.X, consts)
	case *ast.BinaryExpr:
		if e.Op != token.ADD {
			return "", false
		}
		x, ok1 := evalString(e.X, consts)
		y, ok2 := evalString(e.Y, consts)
		return x + y, ok1 && ok2
	}
	return "", false
}

// gzipped returns doc compressed, whole, and cut in the middle of the stream.
func gzipped(doc []byte) [][]byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(doc)
	zw.Close()
	whole := b.Bytes()
	return [][]byte{whole, whole[:len(whole)/2]}
}

// seedDocuments adds every document to f: the table tests', the extra seeds and
// the corpus, inflated.
func seedDocuments(f *testing.F) {
	for _, d := range tableDocs(f) {
		f.Add([]byte(d))
	}
	for _, d := range extraSeeds {
		f.Add([]byte(d))
	}
	for _, d := range utf16Seeds() {
		f.Add(d)
	}
	for _, c := range loadCorpus(f) {
		f.Add(c.doc)
	}
}

// seedFormat adds the corpus specimens of one format to f: those qx recognises
// as the format, and those that name its root but are too broken to recognise.
func seedFormat(f *testing.F, s *schema.Schema) {
	n := 0
	for _, c := range loadCorpus(f) {
		if c.schema == s || strings.Contains(string(c.doc), "<"+s.Root) {
			f.Add(c.doc)
			n++
		}
	}
	if n == 0 {
		f.Fatalf("no corpus specimen of %s", s.Name)
	}
}
