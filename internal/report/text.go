package report

import (
	"fmt"
	"io"
	"strings"

	"qx/internal/validate"
)

// textWriter prints one finding per line, path:line:col: severity: message
// [id], each file's findings as soon as it is checked and the run-level
// findings at the end.
type textWriter struct{ w io.Writer }

func (t *textWriter) File(f *File) error {
	for _, x := range f.Findings {
		if err := writeTextLine(t.w, f.Name, x); err != nil {
			return err
		}
	}
	return nil
}

func (t *textWriter) Finish(r *Run) error {
	for _, x := range r.Late {
		if err := writeTextLine(t.w, x.File, x.Finding); err != nil {
			return err
		}
	}
	return nil
}

// oneLine keeps a message on its line: text formats are read line by line.
var oneLine = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// writeTextLine prints one finding as a line of text. A file name may hold
// line ends too.
func writeTextLine(w io.Writer, name string, f validate.Finding) error {
	_, err := fmt.Fprintf(w, "%s:%d:%d: %s: %s [%s]\n", oneLine.Replace(name), f.Pos.Line,
		f.Pos.Col, f.Severity, oneLine.Replace(f.Msg), f.ID)
	return err
}
