package validate

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"qx/internal/scan"
	"qx/schema"
)

// dtdIDs are the findings a DTD can express; xmllint reports the same problems.
var dtdIDs = map[string]bool{
	IDContent: true, IDUndeclared: true, IDText: true, IDAttr: true, IDAttrRequired: true,
	IDAttrValue:   true,
	scan.IDSyntax: true, scan.IDChar: true, scan.IDTruncated: true, scan.IDEmptyDocment: true,
	scan.IDEncoding: true, scan.IDReadFailure: true,
}

// byDesign are specimens on which qx and xmllint differ on purpose.
var byDesign = map[string]string{
	"latin1_declared.xml": "qx reads UTF-8 and UTF-16 only; xmllint also reads ISO-8859-1",
	"billion_laughs.xml":  "qx never expands entities; xmllint expands internal ones",
	"external_entity.xml": "qx never expands entities; xmllint leaves external ones unloaded",
	"utf16_no_bom.xml":    "XML requires a byte order mark on UTF-16; xmllint guesses without one",
}

// TestAgreesWithXmllint checks every corpus specimen with xmllint, against the
// DTD that --print-dtd emits where qx knows the format and for well-formedness
// alone where it does not, and compares whole-document verdicts with the
// findings of qx that a DTD and a parser can express.
func TestAgreesWithXmllint(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (Debian package libxml2-utils)")
	}
	files, _ := filepath.Glob("../../corpus/*/*.xml")
	files = slices.DeleteFunc(files, func(f string) bool {
		return byDesign[filepath.Base(f)] != ""
	})
	if len(files) == 0 {
		t.Fatal("no corpus files")
	}
	dir := t.TempDir()
	verdicts := map[bool]int{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := Validate(bytes.NewReader(data), Options{})
		if err != nil {
			t.Fatal(err)
		}
		ours := false
		for _, fd := range res.Findings {
			ours = ours || dtdIDs[fd.ID]
		}
		args := []string{"--noout", "--nonet"}
		if s := res.Schema; s != nil {
			dtd := filepath.Join(dir, s.Name+".dtd")
			writeDTD(t, s, dtd)
			args = append(args, "--dtdvalid", dtd)
		}
		cmd := exec.Command(xmllint, append(args, f)...)
		out, err := cmd.CombinedOutput()
		theirs := err != nil
		if ours != theirs {
			t.Errorf("%s: qx finds DTD problems: %v, xmllint: %v\n%s", f, ours, theirs, out)
		}
		verdicts[theirs]++
	}
	if verdicts[true] == 0 || verdicts[false] == 0 {
		t.Errorf("the corpus must hold DTD-valid and DTD-invalid specimens, got %v", verdicts)
	}
}

func writeDTD(t *testing.T, s *schema.Schema, path string) {
	t.Helper()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := s.WriteDTD(out); err != nil {
		t.Fatal(err)
	}
}
