package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"qx/internal/validate"
)

// JUnit XML, as Ant's junit task wrote it and CI systems read it: one test
// case per file, failed when the run's verdict on the file is a failure,
// in error when the file could not be read.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	SystemOut *junitText    `xml:"system-out,omitempty"`
}

type junitText struct {
	Text string `xml:",cdata"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

// writeJUnit writes the run as a JUnit XML report.
func writeJUnit(w io.Writer, r *Run) error {
	suite := junitSuite{Name: "qxlint", Time: "0"}
	for _, f := range r.Files {
		c := junitCase{Name: f.Name, ClassName: "qxlint", Time: "0"}
		lines := findingLines(f)
		switch {
		case f.Err != nil:
			c.Error = &junitProblem{Message: "could not read the file", Type: "read-error",
				Text: xmlText(f.Err.Error())}
			suite.Errors++
		case f.Failed:
			c.Failure = &junitProblem{Message: countFindings(f), Type: "qxlint",
				Text: xmlText(lines)}
			suite.Failures++
		case lines != "":
			c.SystemOut = &junitText{xmlText(lines)}
		}
		suite.Cases = append(suite.Cases, c)
	}
	suite.Tests = len(suite.Cases)
	doc := junitSuites{Name: "qxlint", Tests: suite.Tests, Failures: suite.Failures,
		Errors: suite.Errors, Time: "0", Suites: []junitSuite{suite}}
	return writeXML(w, doc)
}

// xmlText returns s with every character XML does not allow, and every byte
// that is not UTF-8, replaced by U+FFFD. encoding/xml does so in text and
// attributes, but writes a CDATA section as it is given.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || r >= 0x20 && r <= 0xD7FF ||
			r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= utf8.MaxRune {
			return r
		}
		return utf8.RuneError
	}, s)
}

// findingLines renders a file's findings as lines of text.
func findingLines(f *File) string {
	var b strings.Builder
	for _, x := range f.Findings {
		writeTextLine(&b, f.Name, x)
	}
	if f.Dropped > 0 {
		fmt.Fprintf(&b, "%s: %d more findings not shown (--max-findings)\n",
			oneLine.Replace(f.Name), f.Dropped)
	}
	return b.String()
}

// countFindings says how many errors and warnings a file has.
func countFindings(f *File) string {
	var errs, warns int
	for _, x := range f.Findings {
		if x.Severity == validate.Error {
			errs++
		} else {
			warns++
		}
	}
	return fmt.Sprintf("%s, %s", plural(errs, "error"), plural(warns, "warning"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// writeXML writes an XML document with its declaration, indented.
func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
