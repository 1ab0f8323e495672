package csumdoc

import "testing"

func TestPatternGroupName(t *testing.T) {
	tests := []struct {
		pattern        Pattern
		space, name    string
		want           string
		short          string // the name ShortName gives back
		wantShortFound bool
	}{
		{Pattern{Prefix: "SPACEKEY-"}, "ENG", "writers", "eng-writers", "writers", true},
		{Pattern{Suffix: "-SPACEKEY"}, "ENG", "writers", "writers-eng", "writers", true},
		{Pattern{Prefix: "wiki-", Suffix: "-SPACEKEY"}, "ENG", "writers", "wiki-writers-eng", "writers", true},
		{Pattern{Prefix: "wiki-SPACEKEY-", Suffix: ".grp"}, "Ops", "On-Call", "wiki-ops-on-call.grp", "on-call", true},
	}
	for _, tt := range tests {
		got := tt.pattern.GroupName(tt.space, tt.name)
		if got != tt.want {
			t.Errorf("%+v.GroupName(%q, %q) = %q; want %q", tt.pattern, tt.space, tt.name, got, tt.want)
		}
		short, ok := tt.pattern.ShortName(tt.space, got)
		if short != tt.short || ok != tt.wantShortFound {
			t.Errorf("%+v.ShortName(%q, %q) = %q, %v; want %q, true", tt.pattern, tt.space, got, short, ok, tt.short)
		}
	}
}

func TestPatternBelongs(t *testing.T) {
	prefix := Pattern{Prefix: "SPACEKEY-"}
	suffix := Pattern{Suffix: "-SPACEKEY"}
	both := Pattern{Prefix: "wiki-", Suffix: "-SPACEKEY"}
	tests := []struct {
		pattern     Pattern
		space, name string
		want        bool
		short       string
	}{
		{prefix, "ENG", "eng-writers", true, "writers"},
		{prefix, "ENG", "ENG-Writers", true, "writers"}, // Confluence names are lower case; compare so
		{prefix, "eng", "eng-writers", true, "writers"},
		{prefix, "ENG", "ops-writers", false, ""},
		{prefix, "ENG", "eng-", false, ""}, // nothing between prefix and suffix
		{prefix, "ENG", "eng", false, ""},
		{prefix, "ENG", "engineering-writers", false, ""},
		{prefix, "EN", "eng-writers", false, ""},
		{suffix, "ENG", "writers-eng", true, "writers"},
		{suffix, "ENG", "eng-writers", false, ""},
		{both, "ENG", "wiki-writers-eng", true, "writers"},
		{both, "ENG", "wiki-eng", false, ""},
		{both, "ENG", "wiki--eng", false, ""}, // prefix and suffix may not share the "-"
		{both, "ENG", "wiki---eng", true, "-"},
		{both, "ENG", "writers-eng", false, ""},
	}
	for _, tt := range tests {
		if got := tt.pattern.Belongs(tt.space, tt.name); got != tt.want {
			t.Errorf("%+v.Belongs(%q, %q) = %v; want %v", tt.pattern, tt.space, tt.name, got, tt.want)
		}
		if short, _ := tt.pattern.ShortName(tt.space, tt.name); short != tt.short {
			t.Errorf("%+v.ShortName(%q, %q) = %q; want %q", tt.pattern, tt.space, tt.name, short, tt.short)
		}
	}
}

func TestNameMatches(t *testing.T) {
	tests := []struct {
		expr, name string
		want       bool
	}{
		{".*", "anything", true},
		{"[a-z]+", "writers", true},
		{"[a-z]+", "writers2", false}, // the whole name, not a part of it
		{"[a-z]+", "2writers", false},
		{"a|b", "ab", false}, // anchoring wraps the alternation, not its first branch
		{"a|b", "b", true},
		{"", "", true},
		{"", "x", false},
	}
	for _, tt := range tests {
		got, err := NameMatches(tt.expr, tt.name)
		if err != nil || got != tt.want {
			t.Errorf("NameMatches(%q, %q) = %v, %v; want %v", tt.expr, tt.name, got, err, tt.want)
		}
	}
	if _, err := NameMatches("[a-z", "a"); err == nil {
		t.Error("NameMatches with an invalid expression gave no error")
	}
}
