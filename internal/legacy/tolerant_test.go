package legacy

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestToBool(t *testing.T) {
	tests := []struct {
		in      any
		want    bool
		wantOK  bool
		comment string
	}{
		{true, true, true, "JSON true"},
		{false, false, true, "JSON false"},
		{"yes", true, true, ""},
		{"YES", true, true, "any case"},
		{"No", false, true, ""},
		{"true", true, true, ""},
		{"False", false, true, ""},
		{"on", true, true, ""},
		{"OFF", false, true, ""},
		{" yes ", true, true, "spaces around"},
		{"y", false, false, "abbreviation"},
		{"1", false, false, "digit string"},
		{json.Number("1"), false, false, "number"},
		{nil, false, false, "null"},
		{"", false, false, "empty"},
		{[]any{true}, false, false, "array"},
	}
	for _, tt := range tests {
		got, ok := toBool(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("toBool(%#v) [%s] = %v, %v; want %v, %v", tt.in, tt.comment, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestToInt(t *testing.T) {
	tests := []struct {
		in     any
		want   int64
		wantOK bool
	}{
		{json.Number("100"), 100, true},
		{json.Number("-3"), -3, true},
		{"100", 100, true},
		{"  42\t", 42, true},
		{"0", 0, true},
		{json.Number("1.5"), 0, false},
		{json.Number("1e3"), 0, false},
		{"lots", 0, false},
		{"4 2", 0, false},
		{"", 0, false},
		{"99999999999999999999", 0, false},
		{true, 0, false},
		{nil, 0, false},
	}
	for _, tt := range tests {
		got, ok := toInt(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("toInt(%#v) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestToIDs(t *testing.T) {
	tests := []struct {
		name     string
		in       string // JSON
		want     []string
		wantPath string // error path, "" when it must succeed
	}{
		{"array", `["a", "b"]`, []string{"a", "b"}, ""},
		{"comma string", `"a,b"`, []string{"a", "b"}, ""},
		{"comma string with spaces and empty items", `" a , ,b,, "`, []string{"a", "b"}, ""},
		{"empty string", `""`, nil, ""},
		{"empty array", `[]`, []string{}, ""},
		{"objects", `[{"groupId": "a", "groupName": "all-staff"}, {"groupId": " b "}]`, []string{"a", "b"}, ""},
		{"mixed objects and strings, blanks dropped", `["a", {"groupId": "b"}, " "]`, []string{"a", "b"}, ""},
		{"number", `5`, nil, "/list"},
		{"object", `{"groupId": "a"}`, nil, "/list"},
		{"number item", `["a", 5]`, nil, "/list/1"},
		{"object without groupId", `[{"groupName": "x"}]`, nil, "/list/0/groupId"},
		{"object with numeric groupId", `[{"groupId": 7}]`, nil, "/list/0/groupId"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ws warnings
			got, err := toIDs(decodeForTest(t, tt.in), "/list", ws.add)
			if tt.wantPath != "" {
				if err == nil || err.Path != tt.wantPath {
					t.Fatalf("toIDs(%s) error = %v; want one at %s", tt.in, err, tt.wantPath)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("toIDs(%s) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestToIDsWarnsAboutUnknownKeysOfGroupObjects(t *testing.T) {
	var ws warnings
	if _, err := toIDs(decodeForTest(t, `[{"groupId": "a", "colour": "red"}]`), "/list", ws.add); err != nil {
		t.Fatal(err)
	}
	if len(ws) != 1 || ws[0].Path != "/list/0/colour" {
		t.Fatalf("warnings = %+v; want one at /list/0/colour", ws)
	}
}

func TestNormalisePatternPart(t *testing.T) {
	tests := map[string]string{
		"SPACEKEY-":        "SPACEKEY-",
		"{SPACEKEY}-":      "SPACEKEY-",
		"${SPACEKEY}-":     "SPACEKEY-",
		"spacekey-":        "SPACEKEY-",
		"-${spacekey}":     "-SPACEKEY",
		"{SpaceKey}-team-": "SPACEKEY-team-",
		"wiki-":            "wiki-",
		"":                 "",
		"$SPACEKEY-":       "$SPACEKEY-", // a bare $ is not one of the forms; validation reports it
	}
	for in, want := range tests {
		if got := normalisePatternPart(in); got != want {
			t.Errorf("normalisePatternPart(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestDescribeShortensLongStrings(t *testing.T) {
	long := strings.Repeat("é", 100)
	got := describe(long)
	if len(got) > 60 || !strings.HasSuffix(got, `…"`) {
		t.Fatalf("describe(100 characters) = %s; want a short quoted prefix ending in …", got)
	}
	if !json.Valid([]byte(`"` + strings.Trim(got, `"`) + `"`)) {
		t.Fatalf("describe cut a character in half: %q", got)
	}
}

func decodeForTest(t *testing.T, doc string) any {
	t.Helper()
	v, err := decodeJSON([]byte(doc))
	if err != nil {
		t.Fatalf("bad test JSON %s: %v", doc, err)
	}
	return v
}
