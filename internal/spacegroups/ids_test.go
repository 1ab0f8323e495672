package spacegroups

import (
	"strings"
	"testing"
)

func TestParseSpaceGroupID(t *testing.T) {
	const gid = "5f2c1e6a-0b7d-4c1e-9a51-2f0e9c3d7a10"
	cases := []struct {
		id          string
		withAccount bool
		want        Ref
		err         string
	}{
		{id: "ENG/eng-writers", want: Ref{SpaceKey: "ENG", Group: "eng-writers"}},
		{id: "ENG/" + gid, want: Ref{SpaceKey: "ENG", Group: gid}},
		{id: "ENG/team/a", want: Ref{SpaceKey: "ENG", Group: "team/a"}},
		{id: "OPS/ops-oncall/557058:abc-1", withAccount: true, want: Ref{SpaceKey: "OPS", Group: "ops-oncall", AccountID: "557058:abc-1"}},
		{id: "OPS/a/b/557058:abc", withAccount: true, want: Ref{SpaceKey: "OPS", Group: "a/b", AccountID: "557058:abc"}},
		{id: "ENG", err: "space key and a slash"},
		{id: "/eng-writers", err: "space key and a slash"},
		{id: "ENG/", err: "group is missing"},
		{id: "OPS/ops-oncall", withAccount: true, err: "account ID is missing"},
		{id: "OPS//557058:abc", withAccount: true, err: "group is missing"},
		{id: "OPS/ops-oncall/not an id", withAccount: true, err: "not an Atlassian account ID"},
	}
	for _, tc := range cases {
		t.Run(tc.id, func(t *testing.T) {
			got, err := ParseImportID(tc.id, tc.withAccount)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func TestLooksLikeGroupID(t *testing.T) {
	if !LooksLikeGroupID("5f2c1e6a-0b7d-4c1e-9a51-2f0e9c3d7a10") || LooksLikeGroupID("eng-writers") || LooksLikeGroupID("5f2c1e6a-0b7d") {
		t.Fatal("group IDs are UUIDs and names are not")
	}
}
