package postgen

import "time"

// Times inside the generator are Unix seconds; appendDateTime formats them
// the way Qualys writes every date, without going through time.Time.

const (
	secondsPerDay  = 86400
	secondsPerHour = 3600
)

// defaultDateTime is the RESPONSE/DATETIME of an export whose Config leaves
// it unset: the date of the sample in the 8.21.2 release notes.
var defaultDateTime = time.Date(2019, 8, 12, 6, 0, 0, 0, time.UTC)

// appendDateTime appends t (Unix seconds, not before 1970) as
// YYYY-MM-DDTHH:MM:SSZ.
func appendDateTime(b []byte, t int64) []byte {
	y, m, d := civil(t / secondsPerDay)
	s := t % secondsPerDay
	b = append4(b, y)
	b = append(b, '-')
	b = append2(b, m)
	b = append(b, '-')
	b = append2(b, d)
	b = append(b, 'T')
	b = append2(b, s/secondsPerHour)
	b = append(b, ':')
	b = append2(b, s/60%60)
	b = append(b, ':')
	b = append2(b, s%60)
	return append(b, 'Z')
}

// civil converts a count of days since 1970-01-01 to a proleptic Gregorian
// year, month and day (Howard Hinnant's days-to-civil algorithm).
func civil(days int64) (y, m, d int64) {
	z := days + 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

// append2 appends v (0..99) as two digits.
func append2(b []byte, v int64) []byte {
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

// append4 appends v (0..9999) as four digits.
func append4(b []byte, v int64) []byte {
	return append2(append2(b, v/100), v%100)
}
