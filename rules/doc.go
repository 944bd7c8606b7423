// Package rules is the catalog of every finding qxlint can report, and the
// semantic rules that check what a content model cannot say: that a record's
// dates agree with its status and with the reply's own date, that two auth
// records are not duplicates, that an option profile's choices agree, that
// every page of an export is there.
//
// A [Rule] is data: a stable id, a title, a severity and a text saying why it
// matters. The well-formedness and content-model findings of packages scan and
// validate have entries too, so one [Catalog] lists and explains every id.
//
// Semantic rules look at one record at a time: a [Checker] follows the tokens
// of a document as a validate.Observer, builds a small xmlquery tree of each
// record (an INFO of a posture list, a CONTROL of a policy report, an auth
// record, an option profile) keeping the line and column of every node, and
// runs the rules of that record on it. Memory therefore grows with the largest
// record, not with the document. A rule is Go code or an [Assertion], an XPath
// expression that must hold on the record; users add their own assertions
// with [LoadFile].
//
// Rules that need a whole run, such as [IDPageMissing], collect facts per
// document ([Page]) and decide once every document is read ([ResolvePages]).
//
// BUG(auth): duplicate auth records are found within one list (one page);
// two duplicates on different pages of the same export are not reported.
//
// BUG(records): a record of more than [MaxRecordNodes] elements or
// [MaxRecordText] bytes of text is not checked, and is reported as
// [IDRecordTooLarge]; its rules do not run.
package rules
