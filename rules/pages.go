package rules

import (
	"bytes"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"qx/internal/scan"
	"qx/internal/validate"
	"qx/schema"
)

// TruncationCode is the CODE of the WARNING that ends a truncated page.
const TruncationCode = "1980"

// Page is what one document says about the pages of its export: the ID its
// records start at, and where it says the export goes on.
type Page struct {
	// Root is the root element: pages chain only within one format.
	Root string
	// FirstID is the ID the page starts at: the smallest record ID of the
	// reply's list (the first, as Qualys sorts records by ID), or the first
	// record's ID when some ID is not a number; "" for a page without records.
	FirstID     string
	Truncations []Continuation // its WARNINGs of CODE 1980
}

// Continuation is a WARNING of CODE 1980: the page stops at the truncation
// limit and the export goes on at record IDMin.
type Continuation struct {
	IDMin string   // the URL's id_min; "" when the URL has none
	Pos   scan.Pos // the WARNING element
	Path  string   // the WARNING's element path
}

// PageOf is the [Page] of one input of a run.
type PageOf struct {
	File string
	Page Page
}

// FileFinding is a finding of a run-level rule, in the file it belongs to.
type FileFinding struct {
	File string
	validate.Finding
}

// ResolvePages returns a finding for every truncated page of pages whose next
// page is not among them, in the order of pages. A continuation is resolved
// when some page's first record ID equals its id_min.
func ResolvePages(pages []PageOf) []FileFinding {
	type start struct{ root, id string }
	starts := map[start]bool{}
	for _, p := range pages {
		if p.Page.FirstID != "" {
			starts[start{p.Page.Root, canonicalID(p.Page.FirstID)}] = true
		}
	}
	var out []FileFinding
	for _, p := range pages {
		for _, c := range p.Page.Truncations {
			if c.IDMin != "" && starts[start{p.Page.Root, canonicalID(c.IDMin)}] {
				continue
			}
			msg := fmt.Sprintf("truncated page: the page that starts at id_min=%s is "+
				"not among the inputs, so the export is incomplete", c.IDMin)
			if c.IDMin == "" {
				msg = "truncated page: the WARNING's URL carries no id_min, so the next " +
					"page cannot be identified"
			}
			out = append(out, FileFinding{File: p.File, Finding: validate.Finding{
				Pos: c.Pos, Severity: validate.Error, ID: IDPageMissing, Msg: msg,
				Path: c.Path, Value: c.IDMin}})
		}
	}
	return out
}

// canonicalID writes a numeric ID without leading zeros, so "052007" in a
// URL names record 52007; other IDs are compared as they are.
func canonicalID(id string) string {
	if n, err := strconv.ParseUint(id, 10, 64); err == nil {
		return strconv.FormatUint(n, 10)
	}
	return id
}

// What the text of the open element is kept for.
const (
	keepNothing = iota
	keepReplyDate
	keepCode
	keepURL
	keepRecordID
)

// maxKept is the most text kept of one element outside records; longer
// values are not dates, codes, URLs or IDs.
const maxKept = 4096

// facts are what a checker learns of a document outside its records: the
// reply's own date, and what the document says about its pages.
type facts struct {
	reply     time.Time // RESPONSE/DATETIME, or a report's generation date
	hasReply  bool
	page      Page
	keep      int // what the text of the element at keepDepth is for
	keepDepth int
	buf       []byte
	warning   *Continuation // the WARNING being read
	code, url string
	list      string // name of the reply's record list, once seen
	inRecord  bool   // inside a record of that list
	first     string // ID of the first record
	least     uint64 // smallest record ID, while every ID is a number
	numeric   bool
}

// start notes an element that holds one of the facts.
func (f *facts) start(c *Checker, t *scan.Token) {
	d, name := c.depth(), t.Name
	if d == 1 {
		f.page.Root = string(name)
	}
	if d < 3 || d > 5 {
		return
	}
	under := string(c.name(1))
	switch {
	case d == 3 && under == "RESPONSE" && string(name) == "DATETIME",
		d == 3 && under == "HEADER" && string(name) == "GENERATION_DATETIME":
		f.keepText(keepReplyDate, d)
	case d == 3 && under == "RESPONSE" && string(name) == "WARNING":
		f.warning = &Continuation{Pos: t.Pos, Path: string(c.path)}
		f.code, f.url = "", ""
	case d == 4 && f.warning != nil && string(name) == "CODE":
		f.keepText(keepCode, d)
	case d == 4 && f.warning != nil && string(name) == "URL":
		f.keepText(keepURL, d)
	case d == 4 && under == "RESPONSE" && f.isList(c.name(2)):
		f.inRecord = true
	case d == 5 && f.inRecord && string(name) == "ID":
		f.keepText(keepRecordID, d)
	}
}

// isList tells whether name is the reply's record list: the first child of
// RESPONSE whose name ends in _LIST.
func (f *facts) isList(name []byte) bool {
	if f.list == "" && bytes.HasSuffix(name, []byte("_LIST")) {
		f.list = string(name)
	}
	return string(name) == f.list
}

func (f *facts) keepText(what, depth int) {
	f.keep, f.keepDepth, f.buf = what, depth, f.buf[:0]
}

// chars keeps the text of an element that holds a fact.
func (f *facts) chars(c *Checker, data []byte) {
	if f.keep != keepNothing && c.depth() == f.keepDepth && len(f.buf) < maxKept {
		f.buf = append(f.buf, data[:min(len(data), maxKept-len(f.buf))]...)
	}
}

// end records the fact an element held.
func (f *facts) end(c *Checker) {
	d := c.depth()
	if f.keep != keepNothing && d == f.keepDepth {
		f.store(strings.TrimSpace(string(f.buf)))
		f.keep = keepNothing
	}
	switch {
	case d == 3 && f.warning != nil:
		if f.code == TruncationCode {
			f.warning.IDMin = idMin(f.url)
			f.page.Truncations = append(f.page.Truncations, *f.warning)
		}
		f.warning = nil
	case d == 4 && f.inRecord:
		f.inRecord = false
	}
}

func (f *facts) store(v string) {
	switch f.keep {
	case keepReplyDate:
		f.reply, f.hasReply = parseTime(v)
	case keepCode:
		f.code = v
	case keepURL:
		f.url = v
	case keepRecordID:
		f.recordID(v)
	}
}

// recordID notes the ID of a record of the reply's list.
func (f *facts) recordID(v string) {
	n, err := strconv.ParseUint(v, 10, 64)
	switch {
	case f.first == "":
		f.first, f.least, f.numeric = v, n, err == nil
	case f.numeric && err == nil:
		f.least = min(f.least, n)
	default:
		f.numeric = false
	}
	f.page.FirstID = f.first
	if f.numeric {
		f.page.FirstID = strconv.FormatUint(f.least, 10)
	}
}

// idMin returns the id_min parameter of a URL, or "".
func idMin(u string) string {
	_, query, ok := strings.Cut(u, "?")
	if !ok {
		return ""
	}
	q, err := url.ParseQuery(query)
	if err != nil {
		// A malformed query may still carry a readable id_min.
		for kv := range strings.SplitSeq(query, "&") {
			if v, ok := strings.CutPrefix(kv, "id_min="); ok {
				return strings.TrimSpace(v)
			}
		}
		return ""
	}
	return strings.TrimSpace(q.Get("id_min"))
}

// qualysTime is the layout of every Qualys date-time: UTC, to the second.
const qualysTime = "2006-01-02T15:04:05Z"

// parseTime reads a date-time as Qualys writes it, YYYY-MM-DDTHH:MM:SSZ.
func parseTime(v string) (time.Time, bool) { return schema.ParseTime([]byte(v)) }
