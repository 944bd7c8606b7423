package diff

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"qx/schema"
)

// Status is the STATUS or PREVIOUS_STATUS of a record, as the export writes it.
type Status string

// The statuses Qualys writes; NoStatus stands for an absent element.
const (
	NoStatus Status = ""
	Passed   Status = "Passed"
	Failed   Status = "Failed"
	Error    Status = "Error"
)

// Date is a date-time of a record in Unix seconds, 0 when absent.
type Date int64

// BadDate stands for a date whose text is not a UTC date-time; the content
// model reports the text itself.
const BadDate Date = math.MinInt64

const dateLayout = "2006-01-02T15:04:05Z"

// String formats d as Qualys does; "" when absent.
func (d Date) String() string {
	switch d {
	case 0:
		return ""
	case BadDate:
		return "(unreadable)"
	}
	return time.Unix(int64(d), 0).UTC().Format(dateLayout)
}

// Set reports whether d holds a readable date.
func (d Date) Set() bool { return d != 0 && d != BadDate }

// Pos is where a record starts: its file and the position of its start tag.
type Pos struct {
	File      string
	Line, Col int
}

// String returns FILE:LINE:COL.
func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Text is a remediation or evidence text, compared by the hash of its words:
// white space is trimmed and runs of it count as one space.
type Text struct {
	Hash      uint64
	Value     string // the normalized text, kept only with [Options.KeepText]
	Kept      bool   // Value holds the text
	Truncated bool   // Value holds only the first [MaxKeptText] bytes
}

// MaxKeptText bounds the remediation or evidence text kept per record for
// word-level diffs.
const MaxKeptText = 8 << 10

// Record is one posture record, an INFO of a posture info list or a CONTROL of
// a policy report host.
type Record struct {
	Pos       Pos
	ID        string // INFO/ID; a policy report has none
	Status    Status
	Previous  Status
	Modified  Date // POSTURE_MODIFIED_DATE, or EVALUATION_DATE of a policy report
	FirstFail Date
	LastFail  Date
	FirstPass Date
	LastPass  Date
	// Captured is when the record's page was exported: RESPONSE/DATETIME, or a
	// policy report's GENERATION_DATETIME.
	Captured    Date
	Remediation Text
	Evidence    Text
}

// streak returns the first date of the record's current streak: the first
// failure of a Failed record, the first pass of a Passed one, else 0.
func (r *Record) streak() Date {
	switch r.Status {
	case Failed:
		return r.FirstFail
	case Passed:
		return r.FirstPass
	}
	return 0
}

// An entry is a record as the sort and merge phases hold it, bytes that start
// with the record's encoded key:
//
//	uvarint len(key), key
//	uvarint len(content), content: status code, previous status code, the
//	  five dates, the remediation and evidence hashes (fixed width), then the
//	  text of a status outside the known three
//	tail: captured date, file, line, column, record ID, kept texts
//
// Two records with equal content are the same record, wherever they stand.
const (
	offDates    = 2
	offHashes   = offDates + 5*8
	contentSize = offHashes + 2*8
)

// Status codes in an entry.
const (
	codeNone byte = iota
	codePassed
	codeFailed
	codeError
	codeOther
)

func statusCode(s []byte) byte {
	switch string(s) {
	case "":
		return codeNone
	case "Passed":
		return codePassed
	case "Failed":
		return codeFailed
	case "Error":
		return codeError
	}
	return codeOther
}

var codeStatus = [...]Status{NoStatus, Passed, Failed, Error}

var errBadEntry = errors.New("diff: corrupt record entry")

// entry is a view of an encoded record.
type entry []byte

// split returns the key, content and tail of e.
func (e entry) split() (key, content, tail []byte, err error) {
	b := []byte(e)
	for _, p := range []*[]byte{&key, &content} {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n {
			return nil, nil, nil, errBadEntry
		}
		*p, b = b[w:w+int(n)], b[w+int(n):]
	}
	if len(content) < contentSize || len(b) < 8 {
		return nil, nil, nil, errBadEntry
	}
	return key, content, b, nil
}

// key returns the encoded key of e, or nil if e is corrupt.
func (e entry) key() []byte {
	n, w := binary.Uvarint(e)
	if w <= 0 || uint64(len(e)-w) < n {
		return nil
	}
	return e[w : w+int(n)]
}

// contentDate returns date i (0 modified, 1 first fail, 2 last fail, 3 first
// pass, 4 last pass) of an entry's content.
func contentDate(content []byte, i int) Date {
	return Date(binary.BigEndian.Uint64(content[offDates+8*i:]))
}

// captured returns the captured date in an entry's tail.
func tailCaptured(tail []byte) Date { return Date(binary.BigEndian.Uint64(tail)) }

// decode returns the key and record of e; files names the inputs by index.
func (e entry) decode(files []string) (Key, Record, error) {
	kb, content, tail, err := e.split()
	if err != nil {
		return Key{}, Record{}, err
	}
	k, err := decodeKey(kb)
	if err != nil {
		return Key{}, Record{}, err
	}
	var r Record
	rest := content[contentSize:]
	if r.Status, rest, err = decodeStatus(content[0], rest); err != nil {
		return Key{}, Record{}, err
	}
	if r.Previous, _, err = decodeStatus(content[1], rest); err != nil {
		return Key{}, Record{}, err
	}
	for i, d := range []*Date{&r.Modified, &r.FirstFail, &r.LastFail, &r.FirstPass, &r.LastPass} {
		*d = contentDate(content, i)
	}
	r.Remediation.Hash = binary.BigEndian.Uint64(content[offHashes:])
	r.Evidence.Hash = binary.BigEndian.Uint64(content[offHashes+8:])
	if err := r.decodeTail(tail, files); err != nil {
		return Key{}, Record{}, err
	}
	return k, r, nil
}

// decodeStatus decodes a status code, taking the text of an unknown status
// from rest.
func decodeStatus(code byte, rest []byte) (Status, []byte, error) {
	if code < codeOther {
		return codeStatus[code], rest, nil
	}
	s, rest, ok := cutBytes(rest)
	if !ok {
		return "", nil, errBadEntry
	}
	return Status(s), rest, nil
}

// cutBytes splits a uvarint-prefixed byte string off b.
func cutBytes(b []byte) ([]byte, []byte, bool) {
	n, w := binary.Uvarint(b)
	if w <= 0 || uint64(len(b)-w) < n {
		return nil, nil, false
	}
	return b[w : w+int(n)], b[w+int(n):], true
}

// decodeTail fills the fields of r held in an entry's tail.
func (r *Record) decodeTail(b []byte, files []string) error {
	r.Captured = tailCaptured(b)
	b = b[8:]
	var v [3]uint64
	for i := range v {
		n, w := binary.Uvarint(b)
		if w <= 0 {
			return errBadEntry
		}
		v[i], b = n, b[w:]
	}
	if v[0] >= uint64(len(files)) {
		return errBadEntry
	}
	r.Pos = Pos{File: files[v[0]], Line: int(v[1]), Col: int(v[2])}
	id, b, ok := cutBytes(b)
	if !ok || len(b) == 0 {
		return errBadEntry
	}
	r.ID = string(id)
	if b[0] == 0 {
		return nil
	}
	return r.decodeTexts(b[1:])
}

// decodeTexts reads the kept remediation and evidence texts.
func (r *Record) decodeTexts(b []byte) error {
	if len(b) == 0 {
		return errBadEntry
	}
	flags := b[0]
	b = b[1:]
	for i, t := range []*Text{&r.Remediation, &r.Evidence} {
		v, rest, ok := cutBytes(b)
		if !ok {
			return errBadEntry
		}
		t.Value, t.Kept, t.Truncated, b = string(v), true, flags&(1<<i) != 0, rest
	}
	return nil
}

// fields gathers one record as the observer reads it, and encodes it.
type fields struct {
	key          []byte
	status, prev []byte
	dates        [5]Date
	captured     Date
	rem, ev      textAcc
	file         int
	line, col    int
	id           []byte
}

// appendEntry appends the entry of f to b, with the texts if keep.
func (f *fields) appendEntry(b []byte, keep bool) []byte {
	b = binary.AppendUvarint(b, uint64(len(f.key)))
	b = append(b, f.key...)
	sc, pc := statusCode(f.status), statusCode(f.prev)
	n := contentSize
	if sc == codeOther {
		n += uvarintLen(len(f.status)) + len(f.status)
	}
	if pc == codeOther {
		n += uvarintLen(len(f.prev)) + len(f.prev)
	}
	b = binary.AppendUvarint(b, uint64(n))
	b = append(b, sc, pc)
	for _, d := range f.dates {
		b = binary.BigEndian.AppendUint64(b, uint64(d))
	}
	b = binary.BigEndian.AppendUint64(b, f.rem.sum())
	b = binary.BigEndian.AppendUint64(b, f.ev.sum())
	if sc == codeOther {
		b = appendBytes(b, f.status)
	}
	if pc == codeOther {
		b = appendBytes(b, f.prev)
	}
	return f.appendTail(b, keep)
}

// appendTail appends the part of the entry that two equal records may differ in.
func (f *fields) appendTail(b []byte, keep bool) []byte {
	b = binary.BigEndian.AppendUint64(b, uint64(f.captured))
	b = binary.AppendUvarint(b, uint64(f.file))
	b = binary.AppendUvarint(b, uint64(f.line))
	b = binary.AppendUvarint(b, uint64(f.col))
	b = appendBytes(b, f.id)
	if !keep {
		return append(b, 0)
	}
	var flags byte
	if f.rem.truncated {
		flags |= 1
	}
	if f.ev.truncated {
		flags |= 2
	}
	b = append(b, 1, flags)
	b = appendBytes(b, f.rem.kept)
	return appendBytes(b, f.ev.kept)
}

func appendBytes(b, s []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func uvarintLen(n int) int {
	var buf [binary.MaxVarintLen64]byte
	return binary.PutUvarint(buf[:], uint64(n))
}

// parseDate reads a UTC date-time as Qualys writes it: 0 for empty text,
// BadDate for anything else.
func parseDate(b []byte) Date {
	b = trimSpace(b)
	if len(b) == 0 {
		return 0
	}
	t, ok := schema.ParseTime(b)
	if !ok {
		return BadDate
	}
	return Date(t.Unix())
}

// trimSpace trims XML white space.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
