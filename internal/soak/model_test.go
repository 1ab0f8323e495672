package soak

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/app"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// rolesSeed is a seed whose site is in the ROLES mode.
func rolesSeed(t *testing.T) uint64 {
	for seed := uint64(1); ; seed++ {
		if spaceRoleMode(seed) == confluence.RoleModeRoles {
			return seed
		}
	}
}

// The model names groups and roles, so that a group made again under the same name is the same to it.
func TestSiteFactsNameGroupsAndRoles(t *testing.T) {
	srv, u := testUniverse(t, rolesSeed(t))
	f := siteFacts(srv.Facts(), names{}, u)
	for key, want := range map[string]string{
		"group eng-writers":                                "group",
		"role ENG GROUP:eng-leads":                         "Admin",
		"role ENG USER:" + u.caller:                        "Admin",
		"site space role mode":                             confluence.RoleModeRoles,
		app.SettingsFacts + "groupSettings.groupNameRegex": `".*"`,
	} {
		if f[key] != want {
			t.Errorf("fact %q = %q, want %q", key, f[key], want)
		}
	}
	if got, want := f.members("eng-writers"), srv.Store().Members(u.groupIDs["eng-writers"]); !slices.Equal(got, want) {
		t.Errorf("eng-writers has members %v in the model, %v in the sandbox", got, want)
	}
	if got := canonicalJSON(`{"b":["z","a"],"a":[{"x":2},{"x":1}]}`); got != `{"a":[{"x":1},{"x":2}],"b":["a","z"]}` {
		t.Errorf("canonicalJSON = %s", got)
	}
}

// expected sets what a configuration manages, releases what the previous one managed and the new one drops,
// and leaves the rest; the plan of a site that matches is empty, and drift shows as one update.
func TestExpectedAndItsPlan(t *testing.T) {
	srv, u := testUniverse(t, rolesSeed(t))
	start := siteFacts(srv.Facts(), names{}, u)
	g := spaceGroup{Addr: "eng-soak-1", Space: "ENG", Name: "soak-1", Role: "Viewer"}
	ref := groupRef{Space: "ENG", Group: g.group(), SpaceGroup: g.Addr}
	readers := groupRef{Space: "ENG", Group: "eng-readers"}
	c := config{SpaceGroups: []spaceGroup{g},
		Memberships: []membership{{Addr: g.group(), groupRef: ref, Members: u.accounts[:3]},
			{Addr: "eng-readers", groupRef: readers, Members: activeMembers(start, "eng-readers", u)}},
		Settings:   &settings{AuditRetentionDays: 30, ShowGroupInformation: true, MaxUsersPerAction: 5, UserSearchEnabled: true},
		Privileged: u.siteAdmins[0]}
	applied, loose := expected(start, config{}, c, u)
	if len(loose) != 0 {
		t.Errorf("loose facts on a first apply: %v", loose)
	}
	changed := start.diff(applied)
	for _, want := range []string{"group eng-soak-1", "role ENG GROUP:eng-soak-1", "member eng-soak-1 " + u.accounts[2],
		app.SettingsFacts + "generalSettings.auditRetentionDays", "app privileged user", "app legacy credentials"} {
		if !slices.ContainsFunc(changed, func(line string) bool { return strings.HasPrefix(line, want+":") }) {
			t.Errorf("applying the configuration does not change %s: %v", want, changed)
		}
	}
	if len(changed) != 9 {
		t.Errorf("applying changes %d facts, want 9 (group, role, 3 members, 3 settings, privileged user and legacy credentials):\n%s",
			len(changed), strings.Join(changed, "\n"))
	}
	if plan := expectedPlan(applied, c, u); len(plan) != 0 {
		t.Errorf("the plan of a site that matches its configuration: %v", plan)
	}
	drifted := applied.clone()
	outsideChange{Kind: outsideAddMember, Group: g.group(), Account: u.accounts[9]}.applyTo(drifted)
	outsideChange{Kind: outsideAddMember, Group: "eng-readers", Account: u.accounts[9]}.applyTo(drifted)
	outsideChange{Kind: outsideSettings, AuditRetentionDays: 31}.applyTo(drifted)
	want := map[string]string{"csum_space_group_membership.eng-soak-1": actionUpdate, "csum_space_group_membership.eng-readers": actionUpdate,
		"csum_global_settings.this": actionUpdate}
	if plan := expectedPlan(drifted, c, u); !maps.Equal(plan, want) {
		t.Errorf("the plan after drift: %v, want %v", plan, want)
	}
	released, loose := expected(drifted, c, config{}, u)
	// The member added outside to the group that is deleted goes with it; the one of eng-readers may stay.
	if !maps.Equal(loose, map[string]bool{"member eng-readers " + u.accounts[9]: true}) {
		t.Errorf("loose facts of a destroy: %v", loose)
	}
	for _, gone := range []string{"group eng-soak-1", "app privileged user"} {
		if released[gone] != "" {
			t.Errorf("after the destroy the site still holds %s", gone)
		}
	}
	if released[app.SettingsFacts+"generalSettings.auditRetentionDays"] != "90" {
		t.Error("destroying the settings does not reset them")
	}
}

// checkWrites accepts the writes a configuration asks for and names every other one.
func TestWriteCheck(t *testing.T) {
	srv, u := testUniverse(t, rolesSeed(t))
	n := names{}
	start := siteFacts(srv.Facts(), n, u)
	writers, leads := u.groupIDs["eng-writers"], u.groupIDs["eng-leads"]
	newcomer := u.accounts[len(u.accounts)-1]
	want := start.clone()
	want["member eng-writers "+newcomer] = "member"
	check := writeCheck{u: u, names: n, want: want, replaced: map[string]bool{}, loose: map[string]bool{}}
	write := func(changes ...sandbox.Change) sandbox.Write {
		return sandbox.Write{Seq: 1, Method: "POST", Path: "/x", Status: 200, Changes: changes}
	}
	tests := []struct {
		name  string
		write sandbox.Write
		want  string // a word of the problem, "" for none
	}{
		{"asked", write(sandbox.Change{Key: "member " + writers + " " + newcomer, After: "member"}), ""},
		{"not asked", write(sandbox.Change{Key: "member " + leads + " " + newcomer, After: "member"}), "neither the configuration nor a destroy"},
		{"protected", write(sandbox.Change{Key: "member " + writers + " " + u.caller, Before: "member"}), "protected account"},
		{"last administrator", write(
			sandbox.Change{Key: "role ENG GROUP:" + leads, Before: u.roles["Admin"]},
			sandbox.Change{Key: "role ENG GROUP:" + u.groupIDs["confluence-admins"], Before: u.roles["Admin"]},
			sandbox.Change{Key: "role ENG USER:" + u.caller, Before: u.roles["Admin"]}), "without an administrator"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "protected" {
				start := start.clone()
				start["member eng-writers "+u.caller] = "member"
				check := check
				check.want = start.clone()
				delete(check.want, "member eng-writers "+u.caller)
				problems, _ := check.check([]sandbox.Write{tt.write}, start)
				if len(problems) != 1 || !strings.Contains(problems[0], tt.want) {
					t.Errorf("problems = %v, want one about %q", problems, tt.want)
				}
				return
			}
			problems, checks := check.check([]sandbox.Write{tt.write}, start)
			if checks == 0 {
				t.Error("no checks made")
			}
			if tt.want == "" && len(problems) > 0 || tt.want != "" && !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("problems = %v, want %q", problems, tt.want)
			}
		})
	}
}

// checkClaims finds a state that records a change that did not happen, and lets pass a refresh and a
// change that happened without state recording it.
func TestCheckClaims(t *testing.T) {
	scope := func(k string) bool { return strings.HasPrefix(k, "member g ") }
	claimOf := func(members ...string) claim {
		f := facts{}
		for _, m := range members {
			f["member g "+m] = "member"
		}
		return claim{Type: "csum_space_group_membership", Facts: f, Scope: scope, Group: "g"}
	}
	site := func(members ...string) facts { return claimOf(members...).Facts }
	tests := []struct {
		name          string
		before, after map[string]claim
		start, now    facts
		problem       string
	}{
		{"recorded and done", map[string]claim{"m": claimOf("a")}, map[string]claim{"m": claimOf("a", "b")}, site("a"), site("a", "b"), ""},
		{"recorded, not done", map[string]claim{"m": claimOf("a")}, map[string]claim{"m": claimOf("a", "b")}, site("a"), site("a"), "member g b"},
		{"done, not recorded", map[string]claim{"m": claimOf("a")}, map[string]claim{"m": claimOf("a")}, site("a"), site("a", "b"), ""},
		{"refreshed", map[string]claim{"m": claimOf("a")}, map[string]claim{"m": claimOf()}, site(), site(), ""},
		{"removal recorded, not done", map[string]claim{"m": claimOf("a")}, map[string]claim{"m": claimOf()}, site("a"), site("a"), "member g a"},
		{"destroyed", map[string]claim{"m": claimOf("a")}, map[string]claim{}, site("a"), site(), ""},
		{"destroy recorded, not done", map[string]claim{"m": claimOf("a")}, map[string]claim{}, site("a"), site("a"), "no longer has m"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems := checkClaims(tt.before, tt.after, tt.start, tt.now)
			if tt.problem == "" && len(problems) > 0 || tt.problem != "" && (len(problems) != 1 || !strings.Contains(problems[0], tt.problem)) {
				t.Errorf("problems = %v, want %q", problems, tt.problem)
			}
		})
	}
}

func TestReadClaims(t *testing.T) {
	_, u := testUniverse(t, rolesSeed(t))
	path := filepath.Join(t.TempDir(), "terraform.tfstate")
	state := `{"version":4,"resources":[
 {"mode":"managed","type":"csum_space_group","name":"g","instances":[{"status":"tainted","attributes":
  {"space_key":"ENG","group_name":"eng-soak-1","permissions":[],"role_id":"` + u.roles["Viewer"] + `"}}]},
 {"mode":"managed","type":"csum_space_group_membership","name":"m","instances":[{"attributes":
  {"group_name":"eng-soak-1","members":{"557058:a":""}}}]}]}`
	if err := os.WriteFile(path, []byte(state), 0o600); err != nil {
		t.Fatal(err)
	}
	claims, err := readClaims(path, u)
	if err != nil {
		t.Fatal(err)
	}
	g, m := claims["csum_space_group.g"], claims["csum_space_group_membership.m"]
	if !g.Tainted || g.Facts["role ENG GROUP:eng-soak-1"] != "Viewer" || !g.Scope("permission ENG group:eng-soak-1 read/space") {
		t.Errorf("space group claim: %+v", g)
	}
	if m.Facts["member eng-soak-1 557058:a"] != "member" || m.Scope("member eng-writers 557058:a") {
		t.Errorf("membership claim: %+v", m)
	}
	if replaced := replacedGroups(claims); !replaced["eng-soak-1"] {
		t.Errorf("replacedGroups = %v", replaced)
	}
}
