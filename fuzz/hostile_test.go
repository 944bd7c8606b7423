package fuzz

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"qx/internal/lint"
	"qx/internal/lintcmd"
	"qx/internal/validate"
	"qx/schema"
)

// Bounds every hostile case must stay within.
const (
	hostileTime = 30 * time.Second
	hostileHeap = 16 << 20 // growth of the heap in use, at its peak
	bigSize     = 256 << 20
	maxKept     = 20 // findings kept per document
)

// hostileCase is one input that qx must survive: judged within the bounds
// above, with the findings or exit status it must give.
type hostileCase struct {
	name, reason string
	heavy        bool // hundreds of megabytes: skipped under -short

	// Either doc, checked as qxlint checks a file, must give want, every finding
	// kept as "line:col id", and total findings in all when total is set...
	doc   func(t *testing.T) io.Reader
	want  []string
	total int

	// ...or cmd, a command line and stdin for qxlint, must exit with exit.
	cmd  func(t *testing.T) ([]string, io.Reader)
	exit int

	// check, when set, looks further at what qx said: the findings, or what
	// qxlint printed.
	check func(t *testing.T, said string)

	// heap, when set, replaces hostileHeap as the bound of the case.
	heap uint64
}

// qxlintHeap bounds the heap of cases that run qxlint on large documents. It
// hands the tokens to the record rules on another goroutine, in up to a dozen
// batches of 32 KiB of data and the tokens that point into it: a fixed cost of
// 15 to 25 MiB at its peak, however long the document.
const qxlintHeap = 48 << 20

// The envelope of a SIMPLE_RETURN, the smallest format, around any content.
const (
	srHead = "<SIMPLE_RETURN><RESPONSE><DATETIME>2019-08-08T07:51:48Z</DATETIME><TEXT>"
	srTail = "</TEXT></RESPONSE></SIMPLE_RETURN>\n"
)

var hostileCases = []hostileCase{
	{
		name: "empty file", reason: "no root element at all is a finding, not trouble",
		doc: text(""), want: []string{"1:1 empty"},
	},
	{
		name: "binary garbage", reason: "the first byte is no UTF-8 and is reported where it is",
		doc: garbage, want: []string{"1:1 bad-char"},
	},
	{
		name: "cut mid-record", reason: "a capture that stops inside an INFO record, in a CDATA " +
			"section, is truncated where it stops",
		doc: cutSpecimen, want: []string{"99:61 truncated"},
	},
	{
		name: "billion laughs", reason: "entities are declared, never expanded: ten warnings " +
			"and one reference that stands for nothing",
		doc: text(billionLaughs()), want: laughs(),
	},
	{
		name: "quadratic blowup", reason: "a big entity referred to 100000 times costs nothing; " +
			"every reference is counted, the first are kept",
		doc: quadratic, want: quadraticWant(), total: 100_001,
	},
	{
		name: "external entities", reason: "a DOCTYPE, entities and a parameter entity naming a " +
			"local file and URLs: nothing is read, nothing is fetched",
		doc: externalEntities, check: notLeaked,
		want: []string{"3:1 entity-declared", "4:1 entity-declared", "5:1 entity-declared",
			"9:58 entity-ref", "9:64 entity-ref"},
	},
	{
		name: "nested a million deep", reason: "the depth limit stops reading at depth 257, " +
			"after the first 64 KiB",
		doc:  deep,
		want: []string{"1:1 content-model", "1:16 undeclared-element", "1:781 limit"},
	},
	{
		name: "huge text node", reason: "256 MiB of text in a typed element streams through; " +
			"the value is reported, not kept", heavy: true,
		doc: gen("<SIMPLE_RETURN><RESPONSE><DATETIME>", "x", bigSize,
			"</DATETIME><TEXT>t</TEXT></RESPONSE></SIMPLE_RETURN>"),
		want: []string{"1:26 bad-value"}, check: claimsNoSize,
	},
	{
		name: "huge CDATA section", reason: "256 MiB of CDATA streams through like text",
		heavy: true,
		doc:   gen(srHead+"<![CDATA[", "<x>", bigSize/3, "]]>"+srTail),
	},
	{
		name: "huge attribute value", reason: "256 MiB in one attribute: the first MiB is kept, " +
			"the rest read and dropped", heavy: true,
		doc:  gen(`<SIMPLE_RETURN junk="`, "a", bigSize, `">`+srHead[15:]+"t"+srTail),
		want: []string{"1:1 undeclared-attribute", "1:16 limit"},
	},
	{
		name: "gzip bomb", reason: "a small gzip file that inflates to 256 MiB is streamed",
		heavy: true,
		doc:   gzipOf(gen(srHead, "lol ", bigSize/4, srTail)),
	},
	{
		name: "invalid UTF-8", reason: "a Latin-1 byte in a UTF-8 document is reported at " +
			"its character",
		doc: text(srHead[:25] + "\n<DATETIME>2019-08-08T07:51:48Z</DATETIME>" +
			"<TEXT>caf\xe9" + srTail),
		want: []string{"2:51 bad-char"},
	},
	{
		name: "UTF-16 without byte order mark", reason: "XML requires the mark on UTF-16",
		doc: text(utf16LE(srHead + "x" + srTail)), want: []string{"1:1 encoding"},
	},
	{
		name: "UTF-16 with an odd byte", reason: "a UTF-16 document that ends inside a code " +
			"unit is reported at its end",
		doc:  text(utf16BOM(`<?xml version="1.0" encoding="UTF-16"?>`+srHead+"x"+srTail) + "\x00"),
		want: []string{"2:1 bad-char"},
	},
	{
		name: "foreign encoding declared", reason: "qx reads UTF-8 and UTF-16 only and says so",
		doc:  text(`<?xml version="1.0" encoding="ISO-8859-1"?>` + "\n" + srHead + srTail),
		want: []string{"1:1 encoding"},
	},
	{
		name: "UTF-16 declared on UTF-8", reason: "the declaration must name the encoding of " +
			"the bytes",
		doc:  text(`<?xml version="1.0" encoding="UTF-16"?>` + srHead + srTail),
		want: []string{"1:1 encoding"},
	},
	{
		name: "NUL byte", reason: "a NUL is no XML character; reading stops there",
		doc:  text(srHead[:15] + "\n" + srHead[15:] + "ab\x00" + srTail),
		want: []string{"2:60 bad-char"},
	},
	{
		name: "CRLF and CR line ends", reason: "CR LF and a lone CR each end one line, so the " +
			"bad date is on line 4",
		doc: text("<SIMPLE_RETURN>\r\n<RESPONSE>\r\r\n  <DATETIME>yesterday</DATETIME>\r\n" +
			"<TEXT>a\r\nb</TEXT></RESPONSE>\r\n</SIMPLE_RETURN>\r\n"),
		want: []string{"4:3 bad-value"},
	},
	{
		name: "gzip cut short", reason: "a stream that breaks is reported where the document " +
			"it held stops; everything before is checked",
		doc: cutGzip, want: cutGzipWant(),
	},
	{
		name: "gzip magic, then garbage", reason: "a corrupt gzip header is a finding at the " +
			"start of the document",
		doc: text("\x1f\x8b\x00garbage"), want: []string{"1:1 read-failure"},
	},
	{
		name: "plain XML named .xml.gz", reason: "gzip is known by its first bytes, not by " +
			"the name of the file",
		cmd: fileArgs("reply.xml.gz", srHead+"ok"+srTail), exit: lintcmd.ExitClean,
	},
	{
		name: "cut gzip file", reason: "a file that can be read is judged: a broken stream is a " +
			"finding, exit 1, not trouble",
		cmd: fileArgs("cut.xml.gz", string(cutGzipBytes())), exit: lintcmd.ExitFindings,
		heap: qxlintHeap,
	},
	{
		name: "external entities through qxlint", reason: "nothing qxlint prints holds the " +
			"content of the local file an entity names",
		cmd: externalEntitiesFile, exit: lintcmd.ExitFindings, check: notLeaked,
	},
	{
		name: "huge document through qxlint", reason: "qxlint streams 256 MiB from stdin " +
			"through the validator and the record rules", heavy: true,
		cmd: stdinArgs(gen(srHead+"list</TEXT><ITEM_LIST>\n",
			"<ITEM><KEY>id</KEY><VALUE>12345</VALUE></ITEM>\n", bigSize/48,
			"</ITEM_LIST></RESPONSE></SIMPLE_RETURN>\n")),
		exit: lintcmd.ExitClean, heap: qxlintHeap,
	},
	{
		name: "missing file", reason: "a path that cannot be opened is trouble, exit 2",
		cmd: args("no/such/reply.xml"), exit: lintcmd.ExitTrouble,
	},
	{
		name: "dangling symbolic link", reason: "a link to nothing cannot be opened",
		cmd: danglingLink, exit: lintcmd.ExitTrouble,
	},
	{
		name: "stdin fails mid-way",
		reason: "a read error of the input is the machine's trouble, not a finding of " +
			"the document",
		cmd: failingStdin, exit: lintcmd.ExitTrouble,
	},
}

// TestHostile runs every hostile case within its bounds of time and memory, and
// checks that none leaves a goroutine or a file behind.
func TestHostile(t *testing.T) {
	schema.All() // loaded once for all cases, outside their bounds
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.heavy && testing.Short() {
				t.Skip("hundreds of megabytes: skipped under -short")
			}
			runHostile(t, tc)
		})
	}
}

// runHostile makes the input of one case, runs it under measure and checks
// the bounds and what qx said.
func runHostile(t *testing.T, tc hostileCase) {
	var said string
	var fn func() string
	if tc.doc != nil {
		doc := tc.doc(t)
		fn = func() string { return checkHostileDoc(t, doc, tc) }
	} else {
		args, stdin := tc.cmd(t)
		fn = func() string { return runQxlint(t, args, stdin, tc.exit) }
	}
	c := measure(t, tc.reason, func() { said = fn() })
	t.Logf("%v, heap in use +%.1f MiB at peak, %.1f MiB allocated",
		c.took.Round(time.Millisecond), mib(c.peak), mib(c.alloc))
	bound := uint64(hostileHeap)
	if tc.heap > 0 {
		bound = tc.heap
	}
	if c.peak > bound {
		t.Errorf("the heap in use grew by %.1f MiB, more than %.0f MiB: %s",
			mib(c.peak), mib(bound), tc.reason)
	}
	if tc.check != nil {
		tc.check(t, said)
	}
}

// checkHostileDoc checks one document as qxlint checks a file and compares the
// findings; it returns them as text. It runs away from the test's goroutine, so
// it reports with Errorf only.
func checkHostileDoc(t *testing.T, doc io.Reader, tc hostileCase) string {
	in := lint.Input{Name: "hostile", Open: func() (io.ReadCloser, error) {
		return io.NopCloser(doc), nil
	}}
	fr := lint.CheckOne(in, validate.Options{MaxFindings: maxKept})
	if fr.Err != nil {
		t.Errorf("%s: a document that can be read must be judged, got error %v", tc.reason, fr.Err)
		return ""
	}
	var got []string
	for _, f := range fr.Result.Findings {
		got = append(got, fmt.Sprintf("%v %s", f.Pos, f.ID))
	}
	if diff := cmp.Diff(tc.want, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", tc.reason, diff)
	}
	if all := fr.Result.Errors + fr.Result.Warnings; tc.total > 0 && all != tc.total {
		t.Errorf("%s: %d findings in all, want %d", tc.reason, all, tc.total)
	}
	return fmt.Sprintf("%+v", fr.Result.Findings)
}

// runQxlint runs qxlint and checks its exit status; it returns what it printed.
func runQxlint(t *testing.T, args []string, stdin io.Reader, want int) string {
	var stdout, stderr bytes.Buffer
	if got := lintcmd.Main(args, stdin, &stdout, &stderr); got != want {
		t.Errorf("qxlint %s: exit %d, want %d\n%s%s", strings.Join(args, " "), got, want,
			stdout.String(), stderr.String())
	}
	return stdout.String() + stderr.String()
}

// cost is what running one case took.
type cost struct {
	took  time.Duration
	peak  uint64 // the highest growth of the heap in use while it ran
	alloc uint64 // bytes allocated while it ran
}

// measure runs fn on its own goroutine and watches it: it fails t if fn takes
// longer than hostileTime, or leaves goroutines or open files behind.
func measure(t *testing.T, what string, fn func()) cost {
	t.Helper()
	runtime.GC()
	var before, now runtime.MemStats
	runtime.ReadMemStats(&before)
	goroutines, files := runtime.NumGoroutine(), openFiles()
	start := time.Now()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	var c cost
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	timeout := time.After(hostileTime)
	for running := true; running; {
		select {
		case <-done:
			running = false
		case <-tick.C:
		case <-timeout:
			t.Fatalf("no answer after %v: %s", hostileTime, what)
		}
		runtime.ReadMemStats(&now)
		if now.HeapInuse > before.HeapInuse {
			c.peak = max(c.peak, now.HeapInuse-before.HeapInuse)
		}
	}
	c.took, c.alloc = time.Since(start), now.TotalAlloc-before.TotalAlloc
	checkLeaks(t, goroutines, files)
	return c
}

// checkLeaks checks that the goroutines and open files are back to what they
// were, allowing goroutines a moment to end.
func checkLeaks(t *testing.T, goroutines, files int) {
	t.Helper()
	for i := 0; runtime.NumGoroutine() > goroutines && i < 100; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > goroutines {
		t.Errorf("%d goroutines left behind", n-goroutines)
	}
	if n := openFiles(); n > files {
		t.Errorf("%d files left open", n-files)
	}
}

// openFiles counts the open file descriptors of the process where the system
// shows them, and returns 0 elsewhere.
func openFiles() int {
	fds, _ := os.ReadDir("/proc/self/fd")
	return len(fds)
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

// text returns a document that is the string s.
func text(s string) func(*testing.T) io.Reader {
	return func(*testing.T) io.Reader { return strings.NewReader(s) }
}

// gen returns a document made as it is read: head, unit n times, then tail.
func gen(head, unit string, n int, tail string) func(*testing.T) io.Reader {
	return func(*testing.T) io.Reader {
		return io.MultiReader(strings.NewReader(head), &repeated{unit: unit, n: n},
			strings.NewReader(tail))
	}
}

// repeated reads unit n times over, holding it once.
type repeated struct {
	unit string
	n    int
	off  int
}

func (r *repeated) Read(p []byte) (int, error) {
	k := 0
	for k < len(p) && r.n > 0 {
		c := copy(p[k:], r.unit[r.off:])
		k, r.off = k+c, r.off+c
		if r.off == len(r.unit) {
			r.off, r.n = 0, r.n-1
		}
	}
	if k == 0 {
		return 0, io.EOF
	}
	return k, nil
}

// garbage is 4 KiB of random bytes after a PNG signature, the same on every run.
func garbage(*testing.T) io.Reader {
	rng := rand.New(rand.NewPCG(1, 2))
	b := []byte("\x89PNG\r\n\x1a\n")
	for len(b) < 4096 {
		b = append(b, byte(rng.Uint32()))
	}
	return bytes.NewReader(b)
}

// cutSpecimen is the fullest posture specimen, cut inside its second record.
func cutSpecimen(t *testing.T) io.Reader {
	data, err := os.ReadFile("../corpus/valid/posture_info_list.full.xml")
	if err != nil {
		t.Fatal(err)
	}
	second := bytes.Index(data, []byte("<INFO>")) + 1
	second += bytes.Index(data[second:], []byte("<INFO>"))
	return bytes.NewReader(data[:second+300])
}

// billionLaughs is the classic: ten entities, each ten of the one before.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE SIMPLE_RETURN [\n")
	b.WriteString("<!ENTITY lol0 \"lol\">\n")
	for i := 1; i < 10; i++ {
		refs := strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10)
		fmt.Fprintf(&b, "<!ENTITY lol%d \"%s\">\n", i, refs)
	}
	b.WriteString("]>\n" + srHead + "&lol9;" + srTail)
	return b.String()
}

func laughs() []string {
	var want []string
	for line := 3; line <= 12; line++ {
		want = append(want, fmt.Sprintf("%d:1 entity-declared", line))
	}
	return append(want, "14:73 entity-ref")
}

// quadratic declares one entity of 64 KiB and refers to it 100000 times.
func quadratic(*testing.T) io.Reader {
	decl := "<!DOCTYPE SIMPLE_RETURN [\n<!ENTITY a \"" + strings.Repeat("a", 64<<10) + "\">\n]>\n"
	return io.MultiReader(strings.NewReader(decl+srHead), &repeated{unit: "&a;", n: 100_000},
		strings.NewReader(srTail))
}

func quadraticWant() []string {
	want := []string{"2:1 entity-declared"}
	for i := range maxKept - 1 {
		want = append(want, fmt.Sprintf("4:%d entity-ref", len(srHead)+1+3*i))
	}
	return want
}

// deep opens a million elements below the root and closes them, and checks that
// qx stopped reading soon after the depth limit.
func deep(t *testing.T) io.Reader {
	r := &counting{r: io.MultiReader(strings.NewReader("<SIMPLE_RETURN>"),
		&repeated{unit: "<a>", n: 1_000_000}, &repeated{unit: "</a>", n: 1_000_000},
		strings.NewReader("</SIMPLE_RETURN>"))}
	t.Cleanup(func() {
		if r.n > 1<<20 {
			t.Errorf("read %d bytes of a document too deep after 800", r.n)
		}
	})
	return r
}

// counting counts the bytes read through it.
type counting struct {
	r io.Reader
	n int
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// gzipOf returns the document doc makes, gzip-compressed in memory.
func gzipOf(doc func(*testing.T) io.Reader) func(*testing.T) io.Reader {
	return func(t *testing.T) io.Reader {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		if _, err := io.Copy(zw, doc(t)); err != nil {
			t.Fatal(err)
		}
		zw.Close()
		return bytes.NewReader(b.Bytes())
	}
}

// itemList is a SIMPLE_RETURN of 100000 items, about 4 MB, one item a line.
func itemList() string {
	return srHead + "list" + "</TEXT><ITEM_LIST>\n" +
		strings.Repeat("<ITEM><KEY>id</KEY><VALUE>12345</VALUE></ITEM>\n", 100_000) +
		"</ITEM_LIST></RESPONSE></SIMPLE_RETURN>\n"
}

// cutGzipBytes is itemList compressed and cut in the middle of the stream.
func cutGzipBytes() []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	io.WriteString(zw, itemList())
	zw.Close()
	return b.Bytes()[:b.Len()/2]
}

func cutGzip(*testing.T) io.Reader { return bytes.NewReader(cutGzipBytes()) }

// cutGzipWant is where the cut stream stops: how much of the document it holds
// depends on how compress/flate lays out its blocks, so it is computed.
func cutGzipWant() []string {
	zr, err := gzip.NewReader(bytes.NewReader(cutGzipBytes()))
	if err != nil {
		return []string{"gzip.NewReader: " + err.Error()}
	}
	held, _ := io.ReadAll(zr)
	line := 1 + bytes.Count(held, []byte{'\n'})
	col := len(held) - bytes.LastIndexByte(held, '\n')
	return []string{fmt.Sprintf("%d:%d read-failure", line, col)}
}

// utf16LE encodes s as UTF-16, little endian, without a byte order mark.
func utf16LE(s string) string {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return string(b)
}

// utf16BOM encodes s as UTF-16, little endian, with a byte order mark.
func utf16BOM(s string) string { return "\xff\xfe" + utf16LE(s) }

// secret is the content of the local file that external entities name.
const secret = "qx-hostile-secret-3f1c9a"

// listen starts a TCP listener on 127.0.0.1 that counts the connections it
// accepts and checks, when the test ends, that there were none.
func listen(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no local listener: %v", err)
	}
	var conns atomic.Int32
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			c.Close()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		if n := conns.Load(); n > 0 {
			t.Errorf("the listener at %s got %d connections: qx fetched something", ln.Addr(), n)
		}
	})
	return ln.Addr().String()
}

// externalDoc writes the local file and returns a document whose DOCTYPE and
// entities name it and URLs of a listener.
func externalDoc(t *testing.T) string {
	addr := listen(t)
	path := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(path, []byte(secret), 0o600); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("<?xml version=\"1.0\"?>\n"+
		"<!DOCTYPE SIMPLE_RETURN SYSTEM \"http://%[1]s/api/2.0/simple_return.dtd\" [\n"+
		"<!ENTITY file SYSTEM \"file://%[2]s\">\n"+
		"<!ENTITY url SYSTEM \"http://%[1]s/entity\">\n"+
		"<!ENTITY %% remote SYSTEM \"http://%[1]s/remote.dtd\">\n"+
		"%%remote;\n]>\n<SIMPLE_RETURN>\n"+
		"<RESPONSE><DATETIME>2019-08-08T07:51:48Z</DATETIME><TEXT>&file;&url;</TEXT></RESPONSE>\n"+
		"</SIMPLE_RETURN>\n", addr, filepath.ToSlash(path))
}

func externalEntities(t *testing.T) io.Reader { return strings.NewReader(externalDoc(t)) }

func externalEntitiesFile(t *testing.T) ([]string, io.Reader) {
	return fileArgs("external.xml", externalDoc(t))(t)
}

// notLeaked checks that the content of the local file appears nowhere.
func notLeaked(t *testing.T, said string) {
	if strings.Contains(said, secret) {
		t.Errorf("the content of a file an entity names was read and shown:\n%s", said)
	}
}

// claimsNoSize checks that a value too long to keep is not given a size: only
// its first bytes were kept, so any size would be wrong.
func claimsNoSize(t *testing.T, said string) {
	if !strings.Contains(said, "value of more than 256 bytes") {
		t.Errorf("the finding on a value too long to keep does not say so:\n%s", said)
	}
}

// args returns a command line of fixed arguments and an empty stdin.
func args(a ...string) func(*testing.T) ([]string, io.Reader) {
	return func(*testing.T) ([]string, io.Reader) { return a, strings.NewReader("") }
}

// fileArgs writes a file called name and returns a command line checking it.
func fileArgs(name, content string) func(*testing.T) ([]string, io.Reader) {
	return func(t *testing.T) ([]string, io.Reader) {
		path := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{"--jobs=1", path}, strings.NewReader("")
	}
}

// stdinArgs returns a command line checking stdin, which doc makes.
func stdinArgs(doc func(*testing.T) io.Reader) func(*testing.T) ([]string, io.Reader) {
	return func(t *testing.T) ([]string, io.Reader) { return []string{"-"}, doc(t) }
}

func danglingLink(t *testing.T) ([]string, io.Reader) {
	link := filepath.Join(t.TempDir(), "gone.xml")
	if err := os.Symlink(filepath.Join(t.TempDir(), "nothing.xml"), link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	return []string{link}, strings.NewReader("")
}

func failingStdin(*testing.T) ([]string, io.Reader) {
	return []string{"-"}, io.MultiReader(strings.NewReader(srHead),
		iotest.ErrReader(errors.New("device gone")))
}
