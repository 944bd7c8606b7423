// Package postgen generates large, deterministic compliance posture exports
// (POSTURE_INFO_LIST_OUTPUT) for tests and benchmarks.
//
// Record i of an export is a pure function of the seed and i, so [Write]
// streams any number of records in constant memory, and a shuffled order is
// a keyed permutation computed one index at a time. [WritePair] writes two
// exports of the same records with a known, seeded set of changes between
// them, and returns that set for comparison with a differ's findings.
//
// Generated data keeps the invariants of real exports: keys (host, control,
// technology, instance) are unique, IDs ascend with the record index, and
// the dates of each record are consistent with its status and with
// RESPONSE/DATETIME.
package postgen
