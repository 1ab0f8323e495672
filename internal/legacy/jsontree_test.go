package legacy

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// jsonEdgeCases are texts where a JSON decoder is easy to get wrong.
var jsonEdgeCases = []string{
	``, ` `, `{}`, `[]`, `{ }`, `[ ]`, `[[]]`, `[{}]`, `{"a":{}}`, `{"a":[]}`, `""`, `"a"`, `0`, `-0`, `12`, `true`, `false`, `null`,
	`{"a":1,"a":2}`, `{"a":{"b":1},"a":[1]}`, `{"a":1,"\u0061":2}`, `{"\u0061":1,"a":2}`, `{"b":1,"a":2,"b":3,"a":4}`,
	`{"":1}`, `{"":1,"":2}`, `{"a/b":1,"a~c":2,"a":3}`, `{"é":1,"e":2,"😀":3}`,
	`"\u00e9"`, `"\ud83d\ude00"`, `"\ud800"`, `"\udc00\ud800"`, `"\ud800\u0041"`, `"\ud800\\"`, `"\uD83D\uDE00"`,
	`"\u0000"`, `"\/\b\f\n\r\t\"\\"`, `"\a"`, `"\u12"`, `"\u12g4"`, `"\`, `"abc`, `"a` + "\x00" + `"`, `"a` + "\x1f" + `"`,
	`"a` + "\x7f" + `"`, "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"", "\"\xef\xbf\xbd\"", "\"a\xe2\x82\"", "\"\xe2\x82\xac\"",
	"{\"\xff\":1}", "{\"k\xff\":1,\"k\xfe\":2}", "{\"\xef\xbf\xbd\":1,\"\xff\":2}",
	`-`, `--1`, `01`, `-01`, `1.`, `.1`, `1e`, `1e+`, `1E+2`, `-1.5e-3`, `0e0`, `1.0`, `99999999999999999999999`, `+1`, `0x1`,
	`NaN`, `Infinity`, `1 2`, `1,`, `[1,]`, `{"a":1,}`, `[,1]`, `{,}`, `{"a"}`, `{"a":}`, `{"a" 1}`, `{a:1}`, `{'a':1}`,
	`tru`, `nulll`, `true1`, `[true false]`, `[1 2]`, "\f1", "1\v", "\t\r\n 1 \t\r\n", `{"a":1}}`, `{"a":1}]`, `[1]]`,
	"\xef\xbb\xbf{}", `{"a":1} {"b":2}`, `{"a":1}x`, `{"a":1} x`, `"a" "b"`, `[` + strings.Repeat(" ", 100) + `]`,
	strings.Repeat("[", maxFastDepth) + strings.Repeat("]", maxFastDepth),
	strings.Repeat("[", maxFastDepth+1) + strings.Repeat("]", maxFastDepth+1),
	strings.Repeat(`{"a":`, maxFastDepth+1) + "1" + strings.Repeat("}", maxFastDepth+1),
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	strings.Repeat("[", 20000),
	manyMembers(200, 150), manyMembers(64, 64), manyMembers(65, 60), manyMembers(1000, 1000),
}

// manyMembers is an object of n members out of name order, with only distinct names: fewer than n
// means some names are written twice or more.
func manyMembers(n, distinct int) string {
	members := make([]string, n)
	for i := range members {
		members[i] = fmt.Sprintf(`"k%04d": %d`, (i*37)%distinct, i)
	}
	return "{" + strings.Join(members, ", ") + "}"
}

// TestDecodeTreeMatchesEncodingJSON holds the fast decoder to encoding/json: whatever it decodes, it decodes
// to the very tree encoding/json makes (maps turned into objects), and it gives up only on what
// encoding/json refuses or on nesting deeper than it follows.
func TestDecodeTreeMatchesEncodingJSON(t *testing.T) {
	inputs := make([][]byte, 0, len(jsonEdgeCases)+6000)
	for _, s := range jsonEdgeCases {
		inputs = append(inputs, []byte(s))
	}
	g := newUntidyGen(7)
	for range 6000 {
		inputs = append(inputs, bytes.TrimPrefix(g.file(), utf8BOM))
	}
	inputs = append(inputs, untidyLegacyFile(MaxSize-1024))
	decoded, refused := 0, 0
	for _, data := range inputs {
		if compareDecoders(t, data) {
			decoded++
		} else {
			refused++
		}
	}
	if decoded < len(inputs)/2 || refused < len(inputs)/20 {
		t.Fatalf("%d inputs decoded and %d refused; want many of both", decoded, refused)
	}
}

// FuzzDecodeTree checks the same on any input.
func FuzzDecodeTree(f *testing.F) {
	for _, s := range jsonEdgeCases {
		f.Add([]byte(s))
	}
	g := newUntidyGen(11)
	for range 50 {
		f.Add(g.file())
	}
	f.Fuzz(func(t *testing.T, data []byte) { compareDecoders(t, data) })
}

// compareDecoders fails t unless the fast decoder agrees with encoding/json on data, and tells whether
// encoding/json decoded it.
func compareDecoders(t *testing.T, data []byte) bool {
	t.Helper()
	fast, ok := decodeTree(data)
	reference, err := decodeWithEncodingJSON(data)
	switch {
	case ok && err != nil:
		t.Fatalf("decodeTree(%q) decoded what encoding/json refuses (%v)", shortInput(data), err)
	case ok && !reflect.DeepEqual(fast, withObjects(reference)):
		t.Fatalf("decodeTree(%q)\n = %#v\nencoding/json: %#v", shortInput(data), fast, withObjects(reference))
	case !ok && err == nil && nesting(data) <= maxFastDepth:
		t.Fatalf("decodeTree(%q) gave up on a document encoding/json decodes", shortInput(data))
	}
	return err == nil
}

// nesting is how deep arrays and objects nest in a valid JSON text.
func nesting(data []byte) int {
	depth, deepest, inString := 0, 0, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			depth++
			deepest = max(deepest, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

func shortInput(data []byte) []byte {
	if len(data) > 300 {
		return append(data[:300:300], "…"...)
	}
	return data
}

func TestObjectKeepsTheLastOfARepeatedName(t *testing.T) {
	tree, err := decodeJSON([]byte(`{"b": 1, "a": 2, "b": 3, "\u0061": 4, "c": {"x": 1, "x": 2}}`))
	if err != nil {
		t.Fatal(err)
	}
	obj := tree.(object)
	var names []string
	for _, m := range obj {
		names = append(names, m.name)
	}
	if strings.Join(names, ",") != "a,b,c" {
		t.Fatalf("names = %q; want each once, sorted", names)
	}
	for name, want := range map[string]string{"a": "4", "b": "3"} {
		if v, _ := obj.get(name); describe(v) != want {
			t.Errorf("%s = %s; want %s, the last value written", name, describe(v), want)
		}
	}
	inner, _ := obj.get("c")
	if v, _ := inner.(object).get("x"); describe(v) != "2" {
		t.Errorf("c.x = %s; want 2", describe(v))
	}
}

func TestObjectGetInLargeObjects(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range 100 {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"k` + strings.Repeat("x", 100-i) + `": ` + strings.Repeat("1", 1+i%5))
	}
	b.WriteString("}")
	tree, err := decodeJSON([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	obj := tree.(object)
	for i := range 100 {
		if v, found := obj.get("k" + strings.Repeat("x", 100-i)); !found || describe(v) != strings.Repeat("1", 1+i%5) {
			t.Fatalf("member %d = %v, %v", i, v, found)
		}
	}
	if _, found := obj.get("k"); found {
		t.Fatal("found a member that is not there")
	}
}
