package hub

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
)

// envelopeVersion starts every encoded event. A payload starting with '{'
// is an event in the JSON of earlier releases, still read so that nodes of
// both kinds can share a bus during an upgrade.
const envelopeVersion = 1

var errShortEnvelope = errors.New("hub: truncated event")

// encodeEvent is the bus payload of ev: the version, the string fields as
// length-prefixed bytes, Seq and At as varints, then the frame as is. The
// frame is already JSON of our own making; copying it beats having
// encoding/json validate and compact it twice per message per topic.
func encodeEvent(ev Event) []byte {
	b := make([]byte, 0, 32+len(ev.Origin)+len(ev.Conv)+len(ev.Author)+len(ev.CMID)+len(ev.Control)+len(ev.Session)+len(ev.Frame))
	b = append(b, envelopeVersion)
	for _, s := range []string{ev.Origin, ev.Conv, ev.Author, ev.CMID, ev.Control, ev.Session} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendVarint(b, ev.Seq)
	b = binary.AppendVarint(b, ev.At)
	return append(b, ev.Frame...)
}

// decodeEvent reads a payload of encodeEvent, or of the JSON before it.
// The event's Frame shares p's memory.
func decodeEvent(p []byte) (Event, error) {
	var ev Event
	if len(p) > 0 && p[0] == '{' {
		err := json.Unmarshal(p, &ev)
		return ev, err
	}
	if len(p) == 0 || p[0] != envelopeVersion {
		return ev, fmt.Errorf("hub: unknown event encoding")
	}
	r := envelopeReader{p: p[1:]}
	for _, s := range []*string{&ev.Origin, &ev.Conv, &ev.Author, &ev.CMID, &ev.Control, &ev.Session} {
		*s = r.string()
	}
	ev.Seq, ev.At = r.varint(), r.varint()
	if r.err != nil {
		return Event{}, r.err
	}
	if len(r.p) > 0 {
		ev.Frame = r.p
	}
	return ev, nil
}

// envelopeReader reads an encoded event's fields in turn; after the first
// problem it reads zeros and keeps the error.
type envelopeReader struct {
	p   []byte
	err error
}

func (r *envelopeReader) string() string {
	n, k := binary.Uvarint(r.p)
	if r.err != nil || k <= 0 || n > uint64(len(r.p)-k) {
		r.err = errShortEnvelope
		return ""
	}
	s := string(r.p[k : k+int(n)])
	r.p = r.p[k+int(n):]
	return s
}

func (r *envelopeReader) varint() int64 {
	v, k := binary.Varint(r.p)
	if r.err != nil || k <= 0 {
		r.err = errShortEnvelope
		return 0
	}
	r.p = r.p[k:]
	return v
}
