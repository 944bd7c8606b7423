package postgen

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// DefaultDocTypeSystem is the DOCTYPE system id Qualys writes on posture
// info lists.
const DefaultDocTypeSystem = "https://qualysapi.qualys.com" +
	"/api/2.0/fo/compliance/posture/info/posture_info_list_output.dtd"

// DefaultControls is the number of controls of an export whose Config
// leaves Controls unset: a typical size for one compliance policy.
const DefaultControls = 300

// maxHosts keeps generated IPv4 addresses inside 10.0.0.0/8.
const maxHosts = 1<<24 - 2

// history is how far before RESPONSE/DATETIME the oldest generated date can
// lie; DATETIME must leave that much room after 1970.
const history = 400 * secondsPerDay

// Config describes one generated export. The zero value of every field but
// Records picks a sensible default, and the same Config always yields the
// same bytes.
type Config struct {
	// Seed selects the data.
	Seed uint64
	// Records is the number of INFO records in the export.
	Records int64
	// Hosts is the number of hosts records are spread over; 0 picks enough
	// hosts for each to carry about Controls records.
	Hosts int64
	// Controls is the number of controls; 0 means DefaultControls.
	Controls int64
	// Technologies is how many of the known technologies are used, at most
	// ten; 0 means all of them.
	Technologies int
	// Shuffle writes records in a seeded order instead of ascending ID. In a
	// paged export each page is shuffled on its own, so pages still cover
	// ascending ranges of IDs.
	Shuffle bool
	// PageSize is the number of records per page of a paged export; 0 writes
	// the export as one document.
	PageSize int64
	// DocTypeSystem overrides the DOCTYPE system id, for example to name a
	// local DTD file for a validating parser; "" means DefaultDocTypeSystem.
	DocTypeSystem string
	// DateTime is RESPONSE/DATETIME; every other date lies before it. The
	// zero value means 2019-08-12T06:00:00Z.
	DateTime time.Time
	// Summary adds a SUMMARY element with the totals of each document.
	Summary bool
}

// layout is a validated Config with its defaults resolved, in the units the
// generator works in.
type layout struct {
	seed      uint64
	n         int64
	hosts     int64
	controls  int64
	techs     []technology
	osTechs   []int
	instTechs []int
	dt        int64
	pageSize  int64
	shuffle   bool
	doctype   string
	summary   bool
}

// resolve validates c and fills in its defaults.
func (c Config) resolve() (*layout, error) {
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("postgen: %w", err)
	}
	l := &layout{
		seed:     c.Seed,
		n:        c.Records,
		hosts:    c.Hosts,
		controls: c.Controls,
		pageSize: c.PageSize,
		shuffle:  c.Shuffle,
		doctype:  c.DocTypeSystem,
		summary:  c.Summary,
		dt:       defaultDateTime.Unix(),
	}
	if !c.DateTime.IsZero() {
		l.dt = c.DateTime.Unix()
	}
	if l.controls == 0 {
		l.controls = DefaultControls
	}
	if l.hosts == 0 {
		l.hosts = min(max(1, (l.n+l.controls-1)/l.controls), maxHosts)
	}
	if l.doctype == "" {
		l.doctype = DefaultDocTypeSystem
	}
	l.setTechnologies(c.Technologies)
	return l, nil
}

// check reports the first field of c that is out of range.
func (c Config) check() error {
	switch {
	case c.Records < 0:
		return fmt.Errorf("records %d is negative", c.Records)
	case c.Hosts < 0 || c.Hosts > maxHosts:
		return fmt.Errorf("hosts %d is outside [0, %d]", c.Hosts, maxHosts)
	case c.Controls < 0:
		return fmt.Errorf("controls %d is negative", c.Controls)
	case c.Technologies < 0 || c.Technologies > len(technologies):
		return fmt.Errorf("technologies %d is outside [0, %d]", c.Technologies, len(technologies))
	case c.PageSize < 0:
		return fmt.Errorf("page size %d is negative", c.PageSize)
	case strings.ContainsAny(c.DocTypeSystem, "\"\n\r\t"):
		return errors.New("doctype system id holds a quote or a control character")
	}
	return checkDateTime(c.DateTime)
}

// checkDateTime requires room for the generated history before t and a
// four-digit year; the zero time stands for the default and passes.
func checkDateTime(t time.Time) error {
	if t.IsZero() {
		return nil
	}
	if t.Unix() < history || t.Year() > 9998 {
		return fmt.Errorf("datetime %s is outside the years 1972 to 9998",
			t.UTC().Format(time.RFC3339))
	}
	return nil
}

// setTechnologies takes the first count technologies (all when count is 0)
// and sorts them into operating systems and applications.
func (l *layout) setTechnologies(count int) {
	if count == 0 {
		count = len(technologies)
	}
	l.techs = technologies[:count]
	for i, t := range l.techs {
		if t.prefix == "" {
			l.osTechs = append(l.osTechs, i)
		} else {
			l.instTechs = append(l.instTechs, i)
		}
	}
}
