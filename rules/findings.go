package rules

import (
	"qx/internal/scan"
	"qx/internal/validate"
)

// wellFormednessRules describes the findings of the scanner. Each one stops
// the reading of the document, except entity-declared.
func wellFormednessRules() []*Rule {
	rule := func(id, title, text string) *Rule {
		return &Rule{ID: id, Title: title, Severity: validate.Error, Kind: WellFormedness,
			Text: text}
	}
	rs := []*Rule{
		rule(scan.IDSyntax, "the document is not well-formed XML",
			"Broken markup: a tag that does not close, an end tag that does not match, "+
				"text outside the root element. No XML parser reads past it, so "+
				"nothing after this point is checked or usable."),
		rule(scan.IDChar, "a byte or character that XML does not allow",
			"A control character, an invalid UTF-8 sequence or a non-character. "+
				"Captures pasted through a terminal or re-encoded by an editor "+
				"often carry them; XML parsers refuse the whole file."),
		rule(scan.IDEncoding, "an encoding qxlint does not read",
			"Qualys replies are UTF-8. A file saved as UTF-16 without a byte order "+
				"mark, or declared in another encoding, was re-encoded after the "+
				"download and may no longer hold what the API sent."),
		rule(scan.IDLimit, "a limit on nesting, names or attributes exceeded",
			"No real reply comes near the limits (see --max-depth and the other "+
				"limit flags). A file that does is not a Qualys reply, or is "+
				"crafted to exhaust a parser."),
		rule(scan.IDEntityDecl, "the document declares an entity",
			"Qualys replies declare no entities. qxlint does not expand them, so "+
				"text that uses them is checked as written, not as a parser that "+
				"expands entities would read it."),
		rule(scan.IDEntityRef, "a reference to an entity that is not expanded",
			"Only the five predefined entities and character references are read. "+
				"Another reference either fails in every parser or pulls in "+
				"content from outside the file."),
		rule(scan.IDTruncated, "the document ends inside an element",
			"The file stops before the root element closes: a download that was cut "+
				"off, or a capture still being written. Records after the cut are "+
				"missing."),
		rule(scan.IDReadFailure, "the input could not be read to its end",
			"Reading the file failed part way, for example a broken gzip stream. "+
				"Whatever follows is unknown."),
		rule(scan.IDEmptyDocment, "the document has no root element",
			"An empty file, or one with only a prolog: usually a failed download "+
				"saved anyway."),
	}
	rs[4].Severity = validate.Warning
	return rs
}

// contentModelRules describes the findings of the content models. Their
// severity is error, or warning when only an inferred part of a model (see
// schema/FORMAT.md) raises them.
func contentModelRules() []*Rule {
	const inferredNote = "\n\nRaised as a warning when only an inferred part of the " +
		"content model (a part the Qualys documentation does not print) says so."
	rule := func(id, title, text string) *Rule {
		return &Rule{ID: id, Title: title, Severity: validate.Error, Kind: ContentModel,
			Text: text + inferredNote}
	}
	return []*Rule{
		rule(validate.IDContent, "children that break the element's content model",
			"An element is missing, repeated, out of order or unexpected where its "+
				"parent stands. Consumers that map the reply onto a schema, or read "+
				"the first child of a name, silently read the wrong thing."),
		rule(validate.IDUndeclared, "an element the format does not declare",
			"A misspelt name, an element of another format or of a later API "+
				"version. Its content is not checked."),
		rule(validate.IDText, "text where the model allows only elements",
			"Text between elements that hold only other elements is usually the "+
				"remains of an edit or a paste."),
		rule(validate.IDValue, "an element's text is not of its type",
			"A date that is not UTC YYYY-MM-DDTHH:MM:SSZ, an id that is not a "+
				"number, a status or enumerated value the format does not know. "+
				"This covers STATUS and PREVIOUS_STATUS of posture records and "+
				"policy-report controls (Passed, Failed or Error), so no semantic "+
				"rule repeats it, and semantic rules skip values that are not of "+
				"their type."),
		rule(validate.IDAttr, "an attribute the format does not declare",
			"An attribute the element does not have in this format."),
		rule(validate.IDAttrRequired, "a required attribute is missing",
			"The content model requires this attribute on the element."),
		rule(validate.IDAttrValue, "an attribute value that is not allowed",
			"The value differs from a fixed value, is not one of an enumeration, "+
				"or is not of the attribute's type."),
		rule(validate.IDUnknownFormat, "the root element is not a known format",
			"qxlint knows the Qualys 8.21.2 formats listed by --list-schemas. "+
				"Another root means the wrong file, or a format qxlint does not "+
				"check."),
		rule(validate.IDRoot, "the root element is not the one of the requested format",
			"--schema named a format whose root element differs from the document's."),
		rule(validate.IDDoctype, "the DOCTYPE contradicts the root element",
			"The document type declaration names another root or another format's "+
				"DTD: a file assembled from two replies, or renamed."),
		rule(validate.IDAPIError, "the reply is an API error, not data",
			"A SIMPLE_RETURN with a CODE is what the API sends when a call fails. "+
				"Saved in place of an export, it reads as an empty list to a "+
				"careless consumer; the export is missing."),
	}
}
