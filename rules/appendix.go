package rules

import (
	"fmt"
	"net/netip"
	"strings"

	"qx/internal/validate"
)

// appendixRules returns the rules on the appendix of compliance scan results.
func appendixRules() []*Rule {
	return []*Rule{
		{ID: IDInstanceConflict, Severity: validate.Error, Kind: Semantic,
			Title:    "an auth type both found and not found on one host",
			Records:  []string{FoundRecord, NotFoundRecord},
			newCheck: newInstanceCheck,
			Text: "With instance discovery on, the appendix of a compliance scan lists " +
				"the instances it found (AUTH_DISCOVERY_INSTANCE_LIST) and, per host, " +
				"the auth types it found no instance of " +
				"(AUTH_DISCOVERY_INSTANCE_NOT_FOUND_LIST). One auth type on one IP in " +
				"both lists contradicts itself: records created from the scan, and " +
				"coverage reports, depend on which list a consumer believes."},
	}
}

// newInstanceCheck returns the found/not-found check with a fresh memory of
// the entries of one document.
func newInstanceCheck() recordCheck {
	seen := [2]map[string]int{{}, {}} // line of the first entry, by found and not found
	return func(r *Record, emit emitFunc) {
		typ := strings.Join(strings.Fields(text(child(r.Node, "AUTH_TYPE"))), " ")
		ip := canonicalIP(text(child(r.Node, "IP")))
		if typ == "" || ip == "" {
			return
		}
		mine, other := 0, 1
		if r.Path == NotFoundRecord {
			mine, other = 1, 0
		}
		key := typ + "\x00" + ip
		if seen[mine][key] == 0 {
			seen[mine][key] = r.Node.LineNumber
		}
		if line := seen[other][key]; line != 0 {
			lists := [2]string{"found", "not found"}
			emit(r.Node, typ, fmt.Sprintf("auth type %q on %s is listed as %s, but line "+
				"%d lists it as %s", typ, ip, lists[mine], line, lists[other]))
		}
	}
}

// canonicalIP writes an address the one way netip does, so that two spellings
// of one IPv6 address compare equal; text that is no address is kept.
func canonicalIP(s string) string {
	if a, err := netip.ParseAddr(s); err == nil {
		return a.String()
	}
	return s
}
