package postgen

import "strconv"

// A document's GLOSSARY lists the hosts, controls and technologies of the
// records in its index range [lo, hi). Because the host cycles fastest with
// the index, and the control next, each of those sets is one range of host
// or control numbers, wrapped at most once, and needs no memory to compute.

// interval is the half-open range [from, to) of host or control numbers.
type interval struct{ from, to int64 }

// wrapped returns the numbers start, start+1, ... (count of them, modulo
// mod) as at most two ascending intervals.
func wrapped(start, count, mod int64) []interval {
	switch end := start + count; {
	case count <= 0:
		return nil
	case count >= mod:
		return []interval{{0, mod}}
	case end <= mod:
		return []interval{{start, end}}
	default:
		return []interval{{0, end - mod}, {start, mod}}
	}
}

// hostSpan returns the hosts of the records in [lo, hi).
func (l *layout) hostSpan(lo, hi int64) []interval {
	return wrapped(lo%l.hosts, hi-lo, l.hosts)
}

// controlSpan returns the controls of the records in [lo, hi).
func (l *layout) controlSpan(lo, hi int64) []interval {
	if hi <= lo {
		return nil
	}
	q0, q1 := lo/l.hosts, (hi-1)/l.hosts
	return wrapped(q0%l.controls, q1-q0+1, l.controls)
}

// techMask returns the technologies of the records in [lo, hi) as a bit set
// of indices into l.techs. Each instance level is one run of consecutive
// indices, whose hosts are again one wrapped range.
func (l *layout) techMask(lo, hi int64) uint64 {
	var mask uint64
	perLevel := l.hosts * l.controls
	for k := lo / perLevel; lo < hi && k <= (hi-1)/perLevel; k++ {
		a, b := max(lo, k*perLevel), min(hi, (k+1)*perLevel)
		for _, iv := range l.hostSpan(a, b) {
			for h := iv.from; h < iv.to; h++ {
				mask |= 1 << l.techOf(l.hostAt(h), k)
			}
		}
	}
	return mask
}

// count returns how many numbers the intervals hold.
func count(ivs []interval) int64 {
	var n int64
	for _, iv := range ivs {
		n += iv.to - iv.from
	}
	return n
}

// writeGlossary writes the GLOSSARY of the records in [lo, hi).
func (l *layout) writeGlossary(o *out, lo, hi int64) {
	o.b = append(o.b, "    <GLOSSARY>\n      <HOST_LIST>\n"...)
	for _, iv := range l.hostSpan(lo, hi) {
		for h := iv.from; h < iv.to; h++ {
			o.b = l.appendHost(o.b, h)
			o.maybeFlush()
		}
	}
	o.b = append(o.b, "      </HOST_LIST>\n      <CONTROL_LIST>\n"...)
	for _, iv := range l.controlSpan(lo, hi) {
		for c := iv.from; c < iv.to; c++ {
			o.b = appendControl(o.b, l.controlAt(c))
			o.maybeFlush()
		}
	}
	o.b = append(o.b, "      </CONTROL_LIST>\n      <TECHNOLOGY_LIST>\n"...)
	o.b = l.appendTechnologies(o.b, l.techMask(lo, hi))
	o.b = append(o.b, "      </TECHNOLOGY_LIST>\n    </GLOSSARY>\n"...)
}

// appendHost appends the glossary entry of host h.
func (l *layout) appendHost(b []byte, h int64) []byte {
	hs := l.hostAt(h)
	v := h + 1
	b = appendInt(b, "        <HOST>\n          <ID>", hs.id, "</ID>\n          <IP>10.")
	b = strconv.AppendInt(b, v>>16&255, 10)
	b = strconv.AppendInt(append(b, '.'), v>>8&255, 10)
	b = strconv.AppendInt(append(b, '.'), v&255, 10)
	b = append(b, "</IP>\n          <TRACKING_METHOD>IP</TRACKING_METHOD>\n"...)
	b = appendInt(b, "          <DNS>host", v, ".example.com</DNS>\n")
	b = appendText(b, "          <OS>", l.techs[hs.os].name, "</OS>\n")
	return append(b, "        </HOST>\n"...)
}

// appendControl appends the glossary entry of control c.
func appendControl(b []byte, c control) []byte {
	b = appendInt(b, "        <CONTROL>\n          <ID>", c.id, "</ID>\n")
	b = appendCDATA(b, "          <STATEMENT>", statements[c.text], "</STATEMENT>\n")
	b = append(b, "          <CRITICALITY>\n"...)
	b = appendText(b, "            <LABEL>", criticalities[c.severity], "</LABEL>\n")
	b = appendInt(b, "            <VALUE>", int64(c.severity+1), "</VALUE>\n")
	return append(b, "          </CRITICALITY>\n        </CONTROL>\n"...)
}

// appendTechnologies appends the technologies in mask in ascending ID order.
func (l *layout) appendTechnologies(b []byte, mask uint64) []byte {
	var last int64 = -1
	for {
		next := -1
		for i, t := range l.techs {
			if mask&(1<<i) != 0 && t.id > last && (next < 0 || t.id < l.techs[next].id) {
				next = i
			}
		}
		if next < 0 {
			return b
		}
		t := l.techs[next]
		b = appendInt(b, "        <TECHNOLOGY>\n          <ID>", t.id, "</ID>\n")
		b = appendText(b, "          <NAME>", t.name, "</NAME>\n        </TECHNOLOGY>\n")
		last = t.id
	}
}
