// Package lint checks many saved responses: it finds the files an argument
// names, opens plain and gzip-compressed input alike, validates the files in
// parallel and hands back their results in the order they were named.
package lint

import (
	"bufio"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"qx/internal/validate"
)

// Input is one document to check.
type Input struct {
	Name string                        // as printed in findings
	Open func() (io.ReadCloser, error) // opens the raw bytes
}

// FileResult is the outcome of checking one input.
type FileResult struct {
	Name   string
	Result validate.Result
	Err    error // the input could not be opened or read: not the document's fault

	// Observers are the observers [CheckWith] made for this input, after
	// they saw its document.
	Observers []validate.Observer
}

// Observe makes the observers of one input. Each input gets its own, since
// observers keep the state of one document.
type Observe func(in Input) []validate.Observer

// Expand turns command-line arguments into inputs: a file stands for itself, a
// directory for every *.xml and *.xml.gz file below it, in lexical order, and "-"
// for stdin. A path that cannot be read, or a directory without such files,
// becomes an input whose Open fails.
func Expand(args []string, stdin io.Reader) []Input {
	var ins []Input
	for _, arg := range args {
		if arg == "-" {
			ins = append(ins, Input{Name: "-", Open: func() (io.ReadCloser, error) {
				return io.NopCloser(stdin), nil
			}})
			continue
		}
		if fi, err := os.Stat(arg); err != nil || !fi.IsDir() {
			ins = append(ins, fileInput(arg))
			continue
		}
		found := walk(arg)
		if len(found) == 0 {
			// An empty capture directory is a broken download, not a clean run.
			none := fmt.Errorf("%s: no *.xml or *.xml.gz files below it", arg)
			found = []Input{{Name: arg, Open: func() (io.ReadCloser, error) { return nil, none }}}
		}
		ins = append(ins, found...)
	}
	return ins
}

func walk(dir string) []Input {
	var ins []Input
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fail := func() (io.ReadCloser, error) { return nil, err }
			ins = append(ins, Input{Name: p, Open: fail})
			return nil
		}
		name := strings.ToLower(d.Name())
		if !d.IsDir() && (strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".xml.gz")) {
			ins = append(ins, fileInput(p))
		}
		return nil
	})
	return ins
}

func fileInput(path string) Input {
	return Input{Name: path, Open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// Check validates every input, using up to jobs goroutines (0 means one per
// CPU), and calls emit with each result in input order as soon as it and all
// results before it are done.
func Check(ins []Input, opt validate.Options, jobs int, emit func(FileResult)) {
	CheckWith(ins, opt, jobs, nil, emit)
}

// CheckWith is [Check] with observers: observe, when not nil, is called once
// per input, on the goroutine that checks it, and the observers it returns
// follow that input's validation after those of opt.
func CheckWith(ins []Input, opt validate.Options, jobs int, observe Observe,
	emit func(FileResult)) {
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	done := make([]chan FileResult, len(ins))
	for i := range done {
		done[i] = make(chan FileResult, 1)
	}
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(jobs, len(ins)) {
		wg.Go(func() {
			for i := range work {
				done[i] <- checkObserved(ins[i], opt, observe)
			}
		})
	}
	go func() {
		for i := range ins {
			work <- i
		}
		close(work)
	}()
	for _, c := range done {
		emit(<-c)
	}
	wg.Wait()
}

// checkObserved validates one input with its own observers.
func checkObserved(in Input, opt validate.Options, observe Observe) FileResult {
	if observe == nil {
		return CheckOne(in, opt)
	}
	obs := observe(in)
	opt.Observers = append(opt.Observers[:len(opt.Observers):len(opt.Observers)], obs...)
	res := CheckOne(in, opt)
	res.Observers = obs
	return res
}

// CheckOne validates one input.
func CheckOne(in Input, opt validate.Options) FileResult {
	res := FileResult{Name: in.Name}
	rc, err := in.Open()
	if err != nil {
		res.Err = err
		return res
	}
	defer rc.Close()
	src := &sourceReader{r: rc}
	doc, err := Decompress(src)
	if err == nil {
		res.Result, err = validate.Validate(doc, opt)
	}
	switch {
	case src.err != nil:
		res.Err = fmt.Errorf("reading %s: %w", in.Name, src.err)
	case err != nil:
		res.Err = err
	}
	return res
}

// sourceReader remembers a failure of the underlying input, which is the
// machine's trouble, unlike a broken document.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		s.err = err
	}
	return n, err
}

// Decompress returns a reader of the document in r, inflating it if its first
// bytes are the gzip magic. A broken gzip stream shows as a read error of the
// returned reader, which validation reports as a finding.
func Decompress(r io.Reader) (io.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(2)
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return &failReader{fmt.Errorf("gzip stream: %w", err)}, nil
	}
	return &gzipReader{zr}, nil
}

type gzipReader struct{ z *gzip.Reader }

func (g *gzipReader) Read(p []byte) (int, error) {
	n, err := g.z.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = fmt.Errorf("gzip stream: %w", err)
	}
	return n, err
}

type failReader struct{ err error }

func (f *failReader) Read([]byte) (int, error) { return 0, f.err }
