package app

import (
	"reflect"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

func TestSpaceGroups(t *testing.T) {
	tests := []struct {
		name      string
		pattern   csumdoc.Pattern
		blocklist []string
		space     string
		want      []string // group names, in order
	}{
		{"default prefix; global-permission group left out", csumdoc.Pattern{Prefix: "SPACEKEY-"}, nil, "ENG", []string{"eng-archive", "eng-writers"}},
		{"blocklisted group left out", csumdoc.Pattern{Prefix: "SPACEKEY-"}, []string{groupEngArchive}, "ENG", []string{"eng-writers"}},
		{"another space", csumdoc.Pattern{Prefix: "SPACEKEY-"}, nil, "OPS", []string{"ops-oncall"}},
		{"suffix pattern", csumdoc.Pattern{Prefix: "team-", Suffix: "SPACEKEY"}, nil, "ENG", []string{}},
		{"suffix pattern with separator", csumdoc.Pattern{Prefix: "", Suffix: "-SPACEKEY"}, nil, "ENG", []string{"team-eng"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Seed{})
			s := csumdoc.DefaultSettings()
			s.GroupSettings.SpaceGroupPattern = tt.pattern
			s.GroupSettings.GroupBlocklist = tt.blocklist
			h.app.SetSettings(s)
			r := h.get("/v1/spaces/"+tt.space+"/groups").mustStatus(t, 200, "")
			names := []string{}
			for _, g := range r.list("results") {
				names = append(names, str(obj(g)["name"]))
			}
			if !reflect.DeepEqual(names, tt.want) {
				t.Fatalf("groups %v, want %v", names, tt.want)
			}
			if r.body["spaceKey"] != tt.space || r.at("pattern.prefix") != tt.pattern.Prefix || r.at("pattern.suffix") != tt.pattern.Suffix {
				t.Fatalf("answered %s", r.raw)
			}
		})
	}
}

func TestSpaceGroupsFollowTheDirectory(t *testing.T) {
	h := newHarness(t, Seed{})
	r := h.get("/v1/spaces/ENG/groups")
	first := obj(r.list("results")[0])
	if first["id"] != groupEngArchive || first["name"] != "eng-archive" {
		t.Fatalf("first group %v", first)
	}
	h.dir.deleteGroup(groupEngArchive)
	r = h.get("/v1/spaces/ENG/groups")
	if results := r.list("results"); len(results) != 1 || obj(results[0])["id"] != groupEngWriters {
		t.Fatalf("after the group was deleted in Confluence: %s", r.raw)
	}
}

func TestSpaceGroupsUnknownSpace(t *testing.T) {
	h := newHarness(t, Seed{})
	h.get("/v1/spaces/NOPE/groups").mustStatus(t, 404, codeNotFound)
	h.get("/v1/spaces//groups").mustStatus(t, 404, codeNotFound)
	h.do(request{method: "DELETE", path: "/v1/spaces/ENG/groups"}).mustStatus(t, 405, codeMethodNotAllowed)
}
