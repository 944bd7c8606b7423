// Package diff compares two compliance posture exports record by record and
// classifies what changed, keeping the comparison apart from its rendering.
//
// A side is one export: a POSTURE_INFO_LIST_OUTPUT, possibly in several pages,
// or a COMPLIANCE_POLICY_REPORT. [Read] validates every file against its
// content model and, in the same pass, extracts its records, pages and names;
// it sorts each side's records by [Key] into runs, spilled to temporary files
// beyond the memory budget. [Sides.Compare] merges the two sides by key and
// classifies each key into a [Kind]; the [Result] holds the counts and hands
// out the changes, kind by kind in key order, with [Result.Each].
//
// Time grows linearly with the records (plus the sort of each run) and memory
// stays within the budget, however the exports are ordered.
//
// BUG(names): the names of hosts, controls and technologies are held in
// memory outside the budget; they grow with the number of hosts and
// controls, not of records.
//
// BUG(exceptions): EXCEPTION elements, the record ID and the DPV lastUpdated
// attributes are not compared; a change in them alone is no change.
package diff
