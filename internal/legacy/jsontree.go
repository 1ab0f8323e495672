package legacy

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"
)

// The readers walk a tree of decoded JSON: nil, bool, json.Number, string, []any and object. It is what
// encoding/json decodes into an any with UseNumber, except that objects are sorted member lists rather than
// maps: a 10 MiB export holds about 90,000 schemes, and building, hashing and then sorting that many maps
// was most of the time it took to read one.

// jsonMember is one name/value pair of a JSON object.
type jsonMember struct {
	name  string
	value any
}

// object is a decoded JSON object, its members sorted by name. A name written twice holds the value written
// last, as encoding/json's map decoding does. Sorted members give the readers their key order (for unknown
// key warnings and for schemes) without sorting again.
type object []jsonMember

// get returns the value of the member name and whether there is one.
func (o object) get(name string) (any, bool) {
	if len(o) <= 8 { // most objects are small, and a scan is faster than a search for them
		for _, m := range o {
			if m.name == name {
				return m.value, true
			}
		}
		return nil, false
	}
	i, found := slices.BinarySearchFunc(o, name, func(m jsonMember, name string) int { return strings.Compare(m.name, name) })
	if !found {
		return nil, false
	}
	return o[i].value, true
}

// sortMembers orders members written in file order by name, keeping the last of a repeated name.
func sortMembers(o object) object {
	if namesIncrease(o) {
		return o // in order already, and no name twice
	}
	byName := func(a, b jsonMember) int { return strings.Compare(a.name, b.name) }
	if len(o) <= 64 {
		slices.SortStableFunc(o, byName)
	} else {
		// A stable sort of many members moves each of them many times; sorting their places, ties broken
		// by place, is as stable and faster: 90,000 unsorted schemes sort in a third less time.
		places := make([]int32, len(o))
		for i := range places {
			places[i] = int32(i)
		}
		slices.SortFunc(places, func(i, j int32) int {
			if c := byName(o[i], o[j]); c != 0 {
				return c
			}
			return cmp.Compare(i, j)
		})
		sorted := make(object, len(o))
		for i, place := range places {
			sorted[i] = o[place]
		}
		copy(o, sorted)
	}
	unique := o[:0]
	for i, m := range o {
		if i+1 < len(o) && o[i+1].name == m.name {
			continue // a later value of the same name follows
		}
		unique = append(unique, m)
	}
	return slices.Clip(unique)
}

func namesIncrease(o object) bool {
	for i := 1; i < len(o); i++ {
		if o[i-1].name >= o[i].name {
			return false
		}
	}
	return true
}

// withObjects turns the maps of an encoding/json tree into objects.
func withObjects(v any) any {
	switch x := v.(type) {
	case map[string]any:
		o := make(object, 0, len(x))
		for name, value := range x {
			o = append(o, jsonMember{name, withObjects(value)})
		}
		return sortMembers(o)
	case []any:
		for i, item := range x {
			x[i] = withObjects(item)
		}
	}
	return v
}

// treeDecoder builds the tree from the tokens of jsontext (the tokenizer of encoding/json/v2), which checks
// the syntax. It is strict: anything it is not sure of (a syntax error, very deep nesting) makes it give up,
// and decodeJSON then asks encoding/json, for the tree or for the exact error message and position.
type treeDecoder struct {
	dec *jsontext.Decoder
	// Members and items of the objects and arrays being decoded, innermost last; each object or array is
	// copied out when it ends.
	members []jsonMember
	items   []any
	// Finished objects are cut from slab, a few thousand members per allocation rather than one per
	// object. Only the tree points into it, and nothing appends to an object.
	slab []jsonMember
	// Short strings, boxed once: names and values such as "createGroup" and "yes" repeat in every scheme.
	// A small cache indexed by a hash, where a string pushes out another of the same hash: cheaper than a
	// map, and the few strings that repeat often stay.
	shortCache [1 << 9]any
}

const (
	slabMembers = 4096
	maxShortLen = 24
)

// maxFastDepth is the deepest nesting the fast decoder follows. Export files are a few levels deep;
// anything deeper is left to encoding/json, which allows 10,000 levels.
const maxFastDepth = 512

// decodeTree decodes data, one JSON value with nothing but white space after it. ok is false when the
// decoder gave up. Repeated names and invalid UTF-8 are allowed, as encoding/json allows them. A
// bytes.Buffer lets jsontext read data in place rather than copy it.
func decodeTree(data []byte) (tree any, ok bool) {
	d := treeDecoder{dec: jsontext.NewDecoder(bytes.NewBuffer(data),
		jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))}
	tree, ok = d.value()
	if !ok {
		return nil, false
	}
	if _, err := d.dec.ReadToken(); err != io.EOF {
		return nil, false // more than white space after the value
	}
	return tree, true
}

func (d *treeDecoder) value() (any, bool) {
	switch d.dec.PeekKind() {
	case '{':
		return d.object()
	case '[':
		return d.array()
	case '"':
		return d.stringValue()
	case '0':
		raw, err := d.dec.ReadValue()
		return json.Number(raw), err == nil
	case 't', 'f', 'n':
		tok, err := d.dec.ReadToken()
		if err != nil {
			return nil, false
		}
		if tok.Kind() == 'n' {
			return nil, true
		}
		return tok.Bool(), true
	}
	return nil, false // a syntax error, or the end of the input
}

// stringText reads a string and returns its text between the quotes; plain is true when that text is its
// value: no escapes, valid UTF-8.
func (d *treeDecoder) stringText() (raw, text []byte, plain, ok bool) {
	raw, err := d.dec.ReadValue()
	if err != nil {
		return nil, nil, false, false
	}
	text = raw[1 : len(raw)-1]
	return raw, text, bytes.IndexByte(text, '\\') < 0 && utf8.Valid(text), true
}

// unquote decodes a string with escapes or with bytes that are not valid UTF-8 by encoding/json, so that
// it is unquoted, and invalid bytes replaced, exactly as there.
func unquote(raw []byte) (string, bool) {
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err == nil
}

// name reads the name of an object member.
func (d *treeDecoder) name() (string, bool) {
	raw, text, plain, ok := d.stringText()
	switch {
	case !ok:
		return "", false
	case plain && len(text) <= maxShortLen:
		name, _ := d.short(text).(string) // always a string
		return name, true
	case plain:
		return string(text), true
	}
	return unquote(raw)
}

// stringValue reads a string value; it returns any so that a short one comes boxed from the cache.
func (d *treeDecoder) stringValue() (any, bool) {
	raw, text, plain, ok := d.stringText()
	switch {
	case !ok:
		return nil, false
	case plain && len(text) <= maxShortLen:
		return d.short(text), true
	case plain:
		return string(text), true
	}
	return unquote(raw)
}

// short returns the short text as a boxed string, the same one as for the last equal text that took its
// place in the cache.
func (d *treeDecoder) short(text []byte) any {
	slot := &d.shortCache[shortHash(text)]
	if s, ok := (*slot).(string); ok && s == string(text) {
		return *slot
	}
	*slot = string(text)
	return *slot
}

// shortHash spreads texts over the cache by their length and a few of their bytes.
func shortHash(text []byte) int {
	if len(text) == 0 {
		return 0
	}
	h := uint32(len(text)) | uint32(text[0])<<8 | uint32(text[len(text)/2])<<16 | uint32(text[len(text)-1])<<24
	return int(h * 0x9E3779B1 >> (32 - 9)) // 9 bits: the cache's 512 places
}

// open reads the token that starts an object or array, unless the nesting is deeper than the fast
// decoder follows.
func (d *treeDecoder) open() bool {
	if d.dec.StackDepth() >= maxFastDepth {
		return false
	}
	_, err := d.dec.ReadToken()
	return err == nil
}

func (d *treeDecoder) object() (any, bool) {
	if !d.open() {
		return nil, false
	}
	first := len(d.members)
	for d.dec.PeekKind() == '"' {
		name, ok := d.name()
		if !ok {
			return nil, false
		}
		value, ok := d.value()
		if !ok {
			return nil, false
		}
		if len(d.members) == cap(d.members) {
			// Doubled, where append grows a large slice by a quarter: a 10 MiB file's scheme object has
			// about 90,000 members, and each growth copies them all.
			d.members = slices.Grow(d.members, len(d.members))
		}
		d.members = append(d.members, jsonMember{name, value})
	}
	if _, err := d.dec.ReadToken(); err != nil { // the closing brace, or a syntax error
		return nil, false
	}
	o := sortMembers(d.cut(d.members[first:]))
	clear(d.members[first:])
	d.members = d.members[:first]
	return o, true
}

// cut copies the members of a finished object to the slab.
func (d *treeDecoder) cut(members []jsonMember) object {
	n := len(members)
	if n == 0 {
		return object{}
	}
	if n > len(d.slab) {
		d.slab = make([]jsonMember, max(n, slabMembers))
	}
	o := d.slab[:n:n]
	d.slab = d.slab[n:]
	copy(o, members)
	return o
}

func (d *treeDecoder) array() (any, bool) {
	if !d.open() {
		return nil, false
	}
	first := len(d.items)
	for d.dec.PeekKind() != ']' {
		item, ok := d.value()
		if !ok {
			return nil, false
		}
		d.items = append(d.items, item)
	}
	if _, err := d.dec.ReadToken(); err != nil {
		return nil, false
	}
	list := slices.Clone(d.items[first:])
	if list == nil {
		list = []any{}
	}
	clear(d.items[first:])
	d.items = d.items[:first]
	return list, true
}
