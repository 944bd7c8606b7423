package validate

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"qx/schema"
)

// dtdIDs are the findings a DTD can express; xmllint reports the same problems.
var dtdIDs = map[string]bool{
	IDContent: true, IDUndeclared: true, IDText: true, IDAttr: true, IDAttrRequired: true,
	IDAttrValue: true,
}

// TestAgreesWithXmllint checks every corpus specimen against the DTD that
// --print-dtd emits, with xmllint, and compares whole-document verdicts with
// the DTD-expressible findings of qx.
func TestAgreesWithXmllint(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (Debian package libxml2-utils)")
	}
	files, _ := filepath.Glob("../../corpus/*/*.xml")
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
		if err != nil || res.Schema == nil {
			continue
		}
		ours := false
		for _, fd := range res.Findings {
			ours = ours || dtdIDs[fd.ID]
		}
		dtd := filepath.Join(dir, res.Schema.Name+".dtd")
		writeDTD(t, res.Schema, dtd)
		cmd := exec.Command(xmllint, "--noout", "--nonet", "--dtdvalid", dtd, f)
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
