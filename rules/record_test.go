package rules

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"qx/internal/postgen"
	"qx/internal/validate"
)

func TestRecordTooLarge(t *testing.T) {
	var big strings.Builder
	big.WriteString("<EVIDENCE><BOOLEAN_EXPR>x</BOOLEAN_EXPR><DPV_LIST>")
	for range MaxRecordNodes {
		big.WriteString("<DPV><LABEL>l</LABEL></DPV>")
	}
	big.WriteString("</DPV_LIST></EVIDENCE>")
	doc := posture(d2,
		dates("Failed", d3, d1, "", "")+"\n"+big.String(), // too large: not checked
		dates("Failed", d3, d1, "", ""))                   // checked
	want := []string{"5:1 record-too-large ", "18:24 dates-first-after-last " + d3,
		"18:24 dates-after-reply " + d3}
	got := check(t, doc)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v: a record past the limits is reported and skipped, and "+
			"the next one is checked as usual", got, want)
	}
}

// heapWatch reads a document and records the largest live heap seen while
// reading it.
type heapWatch struct {
	r        io.Reader
	read     int
	nextLook int
	peak     uint64
}

func (h *heapWatch) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.read += n
	if h.read >= h.nextLook {
		h.nextLook += 4 << 20
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.peak = max(h.peak, m.HeapAlloc)
	}
	return n, err
}

// TestMemoryStaysFlat checks a posture export of 30,000 records (about 28
// MB, generated as it is read) with every rule: the live heap must stay far
// below the document's size, since records are kept one at a time.
func TestMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 28 MB")
	}
	pr, pw := io.Pipe()
	go func() {
		pw.CloseWithError(postgen.Write(pw, postgen.Config{Seed: 3, Records: 30_000}))
	}()
	h := &heapWatch{r: pr}
	c := NewSet(Builtin().RecordRules()).NewChecker()
	res, err := validate.Validate(h, validate.Options{Observers: []validate.Observer{c}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 {
		t.Errorf("a generated export keeps every invariant the rules check, got %v",
			res.Findings[0])
	}
	t.Logf("read %d MB, live heap at most %d KB", h.read>>20, h.peak>>10)
	if h.read < 20<<20 || h.peak > 8<<20 {
		t.Errorf("read %d MB with a live heap of up to %d MB; want under 8 MB", h.read>>20,
			h.peak>>20)
	}
}

// TestGeneratedPagesChain checks the pages of a generated, shuffled export:
// each page's WARNING names the next page's first record, so the run is
// complete, and without the last page it is not.
func TestGeneratedPagesChain(t *testing.T) {
	cfg := postgen.Config{Seed: 5, Records: 2500, PageSize: 1000, Shuffle: true}
	var pages []PageOf
	for p := range cfg.Pages() {
		var b bytes.Buffer
		if err := postgen.WritePage(&b, cfg, p); err != nil {
			t.Fatal(err)
		}
		got, page := checkPage(t, b.String())
		if len(got) != 0 {
			t.Errorf("page %d: %v", p, got)
		}
		pages = append(pages, PageOf{File: fmt.Sprint("page", p), Page: page})
	}
	if got := ResolvePages(pages); len(got) != 0 {
		t.Errorf("the pages of one export chain, got %v", got)
	}
	if got := ResolvePages(pages[:2]); len(got) != 1 || got[0].File != "page1" {
		t.Errorf("without the last page, page1's truncation is unresolved; got %v", got)
	}
}
