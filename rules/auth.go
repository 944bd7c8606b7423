package rules

import (
	"fmt"
	"strings"

	"github.com/antchfx/xmlquery"

	"qx/internal/validate"
)

// jbossFields are the JBoss instance settings that tell two instances apart,
// in the order the release notes list them.
var jbossFields = []string{"DOMAIN_MODE", "HOME_PATH", "BASE_PATH", "CONF_DIR_PATH",
	"CONF_FILE_PATH", "CONF_HOST_FILE_PATH"}

// authRules returns the rules on auth record lists.
func authRules() []*Rule {
	return []*Rule{
		{ID: IDAuthDuplicate, Severity: validate.Error, Kind: Semantic,
			Title:    "two records of the same kind for one instance configuration",
			Records:  []string{JBossRecord, WebSphereRecord},
			newCheck: newDuplicateCheck,
			Text: "Instance discovery puts every host of one instance configuration into " +
				"a single auth record. Two JBoss records are the same configuration " +
				"when they agree on the domain mode and on the home, base, " +
				"configuration directory, configuration file and host file paths, " +
				"under WINDOWS and under UNIX (Windows paths compared without regard " +
				"to case); two IBM WebSphere records when they agree on " +
				"UNIX_INSTLLATION_DIRECTORY. Two such records of the same kind (both " +
				"system-created or both user-created) are duplicates: the hosts of " +
				"one configuration are split, and which credentials a scan uses " +
				"depends on the record it meets first.\n\n" +
				"A system record and a user record for one configuration are not a " +
				"finding: the option profile's ON_DUPLICATE_USE_* setting chooses " +
				"between them. Records that set none of these fields are not " +
				"compared. Records are compared within one list (one page)."},
		{ID: IDSystemCreated, Severity: validate.Error, Kind: Semantic,
			Title:    "IS_SYSTEM_CREATED disagrees with the record's creator",
			Records:  []string{JBossRecord, WebSphereRecord},
			newCheck: func() recordCheck { return checkSystemCreated },
			Text: "Records created by instance discovery belong to the user \"System\"; " +
				"their CREATED has no BY, or BY \"System\". IS_SYSTEM_CREATED is 1 " +
				"exactly for them. A record where the two disagree was altered after " +
				"the download, or assembled from two replies, and filters on " +
				"is_system_created would not return it as listed."},
		{ID: IDCreatedAfterModified, Severity: validate.Error, Kind: Semantic,
			Title:    "a record created after it was last modified",
			Records:  []string{JBossRecord, WebSphereRecord, UnixRecord},
			newCheck: func() recordCheck { return checkCreatedModified },
			Text: "CREATED/DATETIME is when the record was made and " +
				"LAST_MODIFIED/DATETIME when it last changed, so the first is never " +
				"after the second. The reverse means dates from different sources or " +
				"clocks were mixed, and any \"changed since\" comparison on the " +
				"list is wrong."},
	}
}

// systemCreated tells whether an auth record is system-created: by its
// IS_SYSTEM_CREATED flag when that is 0 or 1, else by its creator.
func systemCreated(rec *xmlquery.Node) bool {
	switch text(child(rec, "IS_SYSTEM_CREATED")) {
	case "1":
		return true
	case "0":
		return false
	}
	return byNoOneOrSystem(rec)
}

// byNoOneOrSystem tells whether CREATED/BY is absent, empty or "System".
func byNoOneOrSystem(rec *xmlquery.Node) bool {
	by := text(childPath(rec, "CREATED/BY"))
	return by == "" || by == "System"
}

// checkSystemCreated compares IS_SYSTEM_CREATED with CREATED/BY.
func checkSystemCreated(r *Record, emit emitFunc) {
	flag := child(r.Node, "IS_SYSTEM_CREATED")
	v := text(flag)
	if v != "0" && v != "1" {
		return // absent, or the content model's finding
	}
	system := byNoOneOrSystem(r.Node)
	if (v == "1") == system {
		return
	}
	by := text(childPath(r.Node, "CREATED/BY"))
	msg := fmt.Sprintf("IS_SYSTEM_CREATED is 1 but the record was created by %q, "+
		"not by System", by)
	if v == "0" {
		msg = "IS_SYSTEM_CREATED is 0 but the record has no creator (CREATED/BY), " +
			"as only system-created records do"
		if by == "System" {
			msg = `IS_SYSTEM_CREATED is 0 but the record was created by "System"`
		}
	}
	emit(flag, v, msg)
}

// checkCreatedModified compares CREATED/DATETIME with LAST_MODIFIED/DATETIME.
func checkCreatedModified(r *Record, emit emitFunc) {
	created := childPath(r.Node, "CREATED/DATETIME")
	modified := childPath(r.Node, "LAST_MODIFIED/DATETIME")
	c, ok1 := parseTime(text(created))
	m, ok2 := parseTime(text(modified))
	if ok1 && ok2 && c.After(m) {
		emit(created, text(created), fmt.Sprintf("CREATED/DATETIME %s is after "+
			"LAST_MODIFIED/DATETIME %s", text(created), text(modified)))
	}
}

// quotePath quotes a file path without escaping it, so Windows paths read as
// they are written.
func quotePath(p string) string { return `"` + p + `"` }

// newDuplicateCheck returns a duplicate check with a fresh memory of the
// configurations seen in one document.
func newDuplicateCheck() recordCheck {
	type first struct {
		id   string
		line int
	}
	seen := map[string]first{}
	return func(r *Record, emit emitFunc) {
		conf, desc := instanceConfig(r)
		if conf == "" {
			return
		}
		kind := "user-created"
		if systemCreated(r.Node) {
			kind = "system-created"
		}
		key := r.Path + "\x00" + kind + "\x00" + conf
		f, dup := seen[key]
		if !dup {
			seen[key] = first{text(child(r.Node, "ID")), r.Node.LineNumber}
			return
		}
		emit(r.Node, f.id, fmt.Sprintf("duplicates record %s (line %d): both %s, same "+
			"instance configuration (%s)", f.id, f.line, kind, desc))
	}
}

// instanceConfig returns the key of a record's instance configuration and a
// short description of it, or "" when the record sets none of its fields.
func instanceConfig(r *Record) (key, desc string) {
	if r.Path == WebSphereRecord {
		dir := text(child(r.Node, "UNIX_INSTLLATION_DIRECTORY"))
		if dir == "" {
			return "", ""
		}
		return dir, "UNIX_INSTLLATION_DIRECTORY " + quotePath(dir)
	}
	var k strings.Builder
	var first string
	for _, platform := range []string{"WINDOWS", "UNIX"} {
		p := child(r.Node, platform)
		k.WriteString(platform)
		for _, f := range jbossFields {
			v := text(child(p, f))
			if platform == "WINDOWS" {
				v = strings.ToLower(v)
			}
			if v != "" && first == "" {
				first = platform + "/" + f + " " + quotePath(text(child(p, f)))
			}
			k.WriteString("\x00" + v)
		}
	}
	if first == "" {
		return "", ""
	}
	return k.String(), first
}
