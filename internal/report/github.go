package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"qx/internal/validate"
	"qx/rules"
)

// AnnotationsPerStep is how many annotations of each severity (error,
// warning, notice) GitHub Actions shows for one step of a job; further
// workflow commands of that severity are dropped without a word.
const AnnotationsPerStep = 10

// githubWriter prints findings as GitHub Actions workflow commands
// (::error file=...,line=...,col=...,title=...::message). Past
// AnnotationsPerStep of a severity it prints findings as lines of text, so the
// log still holds every one, and ends with a notice saying how many were not
// annotated.
//
// The runner reads every line of a step's output for commands: one that
// starts with "::" and, anywhere in a line, the older "##[name]" form. Lines
// of text quote file names and messages, which can hold both, so they are
// written between stop-commands and its end, under which the runner runs
// nothing.
type githubWriter struct {
	w      io.Writer
	rules  map[string]*rules.Rule
	shown  map[validate.Severity]int
	left   map[validate.Severity]int
	broken int             // unreadable files not annotated
	text   strings.Builder // lines of text not yet written
}

func (g *githubWriter) File(f *File) error {
	if f.Err != nil {
		return g.trouble(f)
	}
	for _, x := range f.Findings {
		if err := g.finding(f.Name, x); err != nil {
			return err
		}
	}
	return g.flushText()
}

func (g *githubWriter) Finish(r *Run) error {
	for _, x := range r.Late {
		if err := g.finding(x.File, x.Finding); err != nil {
			return err
		}
	}
	if err := g.flushText(); err != nil {
		return err
	}
	errs, warns := g.left[validate.Error]+g.broken, g.left[validate.Warning]
	if errs+warns == 0 {
		return nil
	}
	_, err := fmt.Fprintf(g.w, "::notice title=%s::%s\n", escapeProperty("qxlint"),
		escapeData(fmt.Sprintf("%s and %s were not annotated: GitHub Actions shows at "+
			"most %d annotations of each kind per step. Every finding is in this step's "+
			"log.", plural(errs, "error"), plural(warns, "warning"), AnnotationsPerStep)))
	return err
}

// finding prints one finding, as an annotation while the step has room.
func (g *githubWriter) finding(name string, x validate.Finding) error {
	if g.shown[x.Severity] >= AnnotationsPerStep {
		g.left[x.Severity]++
		return writeTextLine(&g.text, name, x)
	}
	if err := g.flushText(); err != nil {
		return err
	}
	g.shown[x.Severity]++
	title := x.ID
	if r := g.rules[x.ID]; r != nil {
		title += ": " + r.Title
	}
	_, err := fmt.Fprintf(g.w, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", x.Severity,
		escapeProperty(name), x.Pos.Line, x.Pos.Col, escapeProperty(title),
		escapeData(x.Msg+" ["+x.ID+"]"))
	return err
}

// trouble annotates a file that could not be read.
func (g *githubWriter) trouble(f *File) error {
	msg := "could not read the file: " + f.Err.Error()
	if g.shown[validate.Error] >= AnnotationsPerStep {
		g.broken++
		fmt.Fprintf(&g.text, "%s: %s\n", oneLine.Replace(f.Name), oneLine.Replace(msg))
		return g.flushText()
	}
	g.shown[validate.Error]++
	_, err := fmt.Fprintf(g.w, "::error file=%s,title=%s::%s\n", escapeProperty(f.Name),
		escapeProperty("qxlint"), escapeData(msg))
	return err
}

// flushText writes the lines of text held back between stop-commands and
// its end. The token that ends it is a hash of the lines, so no line of them
// can be the end; it depends on nothing else, so output stays the same for
// the same input.
func (g *githubWriter) flushText() error {
	if g.text.Len() == 0 {
		return nil
	}
	sum := sha256.Sum256([]byte(g.text.String()))
	token := "qxlint-" + hex.EncodeToString(sum[:12])
	_, err := fmt.Fprintf(g.w, "::stop-commands::%s\n%s::%s::\n", token, g.text.String(), token)
	g.text.Reset()
	return err
}

// escapeData escapes the message of a workflow command as the Actions runner
// unescapes it.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a property value of a workflow command, where ":"
// and "," are separators too.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A",
		",", "%2C").Replace(s)
}
