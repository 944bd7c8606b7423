package diff

import (
	"fmt"
	"slices"

	"qx/internal/scan"
	"qx/internal/validate"
	"qx/schema"
)

// truncationCode is the WARNING CODE of a page that continues in another.
const truncationCode = "1980"

// check finds the problems that keep the sides from being compared.
func (s *Sides) check(nOld, nNew int) {
	for side, n := range [2]int{nOld, nNew} {
		if n == 0 {
			s.fatal(Side(side), "",
				"no files to read (a directory holds no *.xml or *.xml.gz file)")
		}
	}
	var formats [2][]Format
	for _, f := range s.Files {
		switch {
		case f.Stopped:
			continue
		case !f.Complete:
			s.fatal(f.Side, f.Name, "cannot be read: "+brokenReason(f.Result))
		case f.Page.Format == FormatOther:
			s.fatal(f.Side, f.Name, otherFormat(f))
		default:
			info := s.info(f.Side)
			info.Pages = append(info.Pages, f.Page)
			info.Records += f.Page.Records
			if !slices.Contains(formats[f.Side], f.Page.Format) {
				formats[f.Side] = append(formats[f.Side], f.Page.Format)
			}
		}
	}
	if s.Err() != nil {
		return
	}
	s.checkFormats(formats)
	for _, side := range []Side{Old, New} {
		if s.info(side).Format == PostureInfoList {
			s.checkChain(side)
		}
	}
}

func (s *Sides) info(side Side) *SideInfo {
	if side == Old {
		return &s.Old
	}
	return &s.New
}

func (s *Sides) fatal(side Side, file, msg string) {
	s.Problems = append(s.Problems, Problem{Side: side, File: file, Msg: msg, Fatal: true})
}

// brokenReason names the error that made a document unreadable.
func brokenReason(res validate.Result) string {
	for _, f := range slices.Backward(res.Findings) {
		switch f.ID {
		case scan.IDSyntax, scan.IDChar, scan.IDEncoding, scan.IDLimit, scan.IDTruncated,
			scan.IDReadFailure, scan.IDEmptyDocment:
			return fmt.Sprintf("%d:%d: %s", f.Pos.Line, f.Pos.Col, f.Msg)
		}
	}
	return "the document is not well-formed"
}

// otherFormat says what a document that is not a posture export is.
func otherFormat(f FileReport) string {
	for _, fd := range f.Result.Findings {
		if fd.ID == validate.IDAPIError {
			return "not a posture export: " + fd.Msg
		}
	}
	if sc := schema.ByRoot([]byte(f.Page.Root)); sc != nil {
		return fmt.Sprintf("not a posture export: a document of format %s (root element %q)",
			sc.Name, f.Page.Root)
	}
	return fmt.Sprintf("not a posture export: root element %q is no Qualys 8.21.2 format",
		f.Page.Root)
}

// checkFormats requires one format on each side, the same on both.
func (s *Sides) checkFormats(formats [2][]Format) {
	for side, fs := range formats {
		if len(fs) > 1 {
			s.fatal(Side(side), "", fmt.Sprintf("mixes %v and %v files", fs[0], fs[1]))
			continue
		}
		if len(fs) == 1 {
			s.info(Side(side)).Format = fs[0]
		}
	}
	if o, n := s.Old.Format, s.New.Format; s.Err() == nil && o != n {
		s.fatal(New, "", fmt.Sprintf("holds a %v export but OLD holds a %v: "+
			"compare two exports of one format", n, o))
	}
}

// checkChain requires that the pages of a truncated export link up: every
// page that ends with WARNING 1980 names, as id_min, the first record ID of
// another page, and every page fetched with an id_min is named so.
func (s *Sides) checkChain(side Side) {
	pages := s.info(side).Pages
	starts := map[uint64]bool{}
	named := map[uint64]bool{}
	for _, p := range pages {
		if p.HasID {
			starts[p.MinID] = true
		}
		if p.HasNext {
			named[p.NextID] = true
		}
	}
	for _, p := range pages {
		switch {
		case !p.Warned:
		case p.Code != truncationCode:
			s.warn(side, p.File, fmt.Sprintf("ends with WARNING code %q, not a truncation (%s)",
				p.Code, truncationCode))
		case !p.HasNext:
			s.chainProblem(side, p.File, "ends with WARNING 1980 (truncated) but its URL has "+
				"no id_min: the next page cannot be found")
		case !starts[p.NextID]:
			s.chainProblem(side, p.File, fmt.Sprintf("ends with WARNING 1980 (truncated): "+
				"the next page starts at record ID %d, and no page of %v does", p.NextID, side))
		}
		if p.HasFetchedFrom && !named[p.FetchedFrom] {
			s.chainProblem(side, p.File, fmt.Sprintf("was fetched with id_min=%d, and no page "+
				"of %v leads to it: an earlier page is missing", p.FetchedFrom, side))
		}
	}
}

// chainProblem reports pages that do not link up: fatal, unless partial
// exports are allowed.
func (s *Sides) chainProblem(side Side, file, msg string) {
	s.Problems = append(s.Problems, Problem{Side: side, File: file, Msg: msg,
		Fatal: !s.opt.AllowPartial, Chain: true})
}

func (s *Sides) warn(side Side, file, msg string) {
	s.Problems = append(s.Problems, Problem{Side: side, File: file, Msg: msg})
}
