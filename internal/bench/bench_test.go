package bench

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/legacy"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

func TestWriteTable(t *testing.T) {
	var b strings.Builder
	WriteTable(&b, []Row{
		{Scenario: "refresh", Requests: map[string]int64{"GET /b": 2, "GET /a": 100, "GET /c": 2}, Minimum: "100",
			Wall: 1500 * time.Millisecond, PeakRSS: 50 << 20, Measured: "100 + 4", Target: "100 + 3", Pass: false},
		{Scenario: "legacy", Minimum: "-", Wall: 80 * time.Millisecond, Measured: "80 ms", Target: "200 ms", Pass: true},
	})
	want := "| scenario | requests | API minimum | wall | provider peak RSS | measured | target | result |\n" +
		"| --- | ---: | --- | ---: | ---: | --- | --- | --- |\n" +
		"| refresh | 104 | 100 | 1.50 s | 50 MiB | 100 + 4 | 100 + 3 | MISS |\n" +
		"| legacy | - | - | 80.0 ms | - | 80 ms | 200 ms | PASS |\n" +
		"\nRequests by route:\n\n" +
		"- refresh: `GET /a` 100, `GET /b` 2, `GET /c` 2\n"
	if got := b.String(); got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}

func TestServedLeavesOutFaults(t *testing.T) {
	counts := map[string]int64{"POST /x": 500, "POST /x [429]": 40, "GET /y": 10, "GET /y [503]": 1}
	if got := served(counts); got != 510 {
		t.Errorf("served = %d, want 510", got)
	}
	if got := total(counts); got != 551 {
		t.Errorf("total = %d, want 551", got)
	}
}

func TestSeededMemberships(t *testing.T) {
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 50, Spaces: 3, GroupsPerSpace: 2, MembersPerGroup: 5, BigGroupMembers: 20})
	ms := seededMemberships(seed)
	if len(ms) != 7 { // 3 spaces x 2 groups, and the big group; not the site groups
		t.Fatalf("%d memberships, want 7: %+v", len(ms), ms)
	}
	for _, m := range ms {
		if !strings.HasPrefix(m.GroupName, strings.ToLower(m.SpaceKey)+"-") {
			t.Errorf("group %s is not a group of space %s", m.GroupName, m.SpaceKey)
		}
		if want := map[bool]int{true: 20, false: 5}[strings.HasSuffix(m.GroupName, "big-group")]; len(m.Members) != want {
			t.Errorf("group %s has %d members, want %d", m.GroupName, len(m.Members), want)
		}
	}
	cfg := membershipConfig(ms[:1])
	res := cfg["resource"].(map[string]any)["csum_space_group_membership"].(map[string]any)
	if r, ok := res["g_s0000_group_0"].(map[string]any); !ok || r["group_name"] != "s0000-group-0" || r["space_key"] != "S0000" {
		t.Errorf("resource = %+v", res)
	}
	if members, _ := res["g_s0000_group_0"].(map[string]any)["members"].(map[string]string); len(members) != 5 || members[ms[0].Members[0]] != "" {
		t.Errorf("members = %+v, want the 5 members keyed by account ID, labelled \"\"", members)
	}
	imported := withImports(cfg, ms[:1])
	imports, ok := imported["import"].([]map[string]string)
	if !ok || len(imports) != 1 || imports[0]["to"] != "csum_space_group_membership.g_s0000_group_0" || imports[0]["id"] != "S0000/s0000-group-0" {
		t.Errorf("imports = %+v", imported["import"])
	}
	if _, changed := cfg["import"]; changed {
		t.Error("withImports changed the configuration it was given")
	}
}

func TestUserIDsLeaveOutTheAdmin(t *testing.T) {
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 3})
	ids, err := userIDs(seed, 3)
	if err != nil || len(ids) != 3 {
		t.Fatalf("userIDs = %v, %v", ids, err)
	}
	for _, id := range ids {
		if id == seed.Users[0].AccountID {
			t.Errorf("the admin %s is among the users to add", id)
		}
	}
	if _, err := userIDs(seed, 4); err == nil {
		t.Error("asking for more users than the seed has is not an error")
	}
}

func TestPeakRSS(t *testing.T) {
	log := filepath.Join(t.TempDir(), "rss.log")
	if peak, n, err := peakRSS(log); peak != 0 || n != 0 || err != nil {
		t.Errorf("no log: %d %d %v", peak, n, err)
	}
	for _, kib := range []string{"2048", "10240", "4096"} {
		appendLine(log, kib)
	}
	if peak, n, err := peakRSS(log); peak != 10<<20 || n != 3 || err != nil {
		t.Errorf("peakRSS = %d bytes over %d processes (%v), want %d over 3", peak, n, err, 10<<20)
	}
	if err := os.WriteFile(log, []byte("oops\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := peakRSS(log); err == nil {
		t.Error("a malformed log reads without error")
	}
}

func TestLegacyExportIsReadable(t *testing.T) {
	data := legacyExport(1 << 20)
	if len(data) < 1<<20-512 || len(data) > 1<<20 {
		t.Errorf("size %d, want about 1 MiB", len(data))
	}
	res, err := legacy.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != 1 || len(res.PermissionSchemes.Groups) != 1000 || len(res.PermissionSchemes.Users) < 5000 {
		t.Errorf("format %d, %d group and %d user schemes", res.Format, len(res.PermissionSchemes.Groups), len(res.PermissionSchemes.Users))
	}
}

func TestShellQuote(t *testing.T) {
	if got := shellQuote("/a b/it's"); got != `'/a b/it'\''s'` {
		t.Errorf("shellQuote = %s", got)
	}
}

func TestCheckGapsAddsTheTwoSilences(t *testing.T) {
	log := strings.Join([]string{
		"2026-11-23T15:54:52.900Z [TRACE] writeResourceInstanceState to refreshState", // before any apply: ignored
		"2026-11-23T15:54:53.032Z [TRACE] provider: Served request: tf_rpc=PlanResourceChange",
		"2026-11-23T15:54:53.073Z [TRACE] checkPlannedChange: Verifying that actual change (action Update) matches planned change (action Update)",
		"2026-11-23T15:54:54.712Z [TRACE] terraform.contextPlugins: Schema is in the global cache",
		"2026-11-23T15:54:54.764Z [TRACE] provider: Received request: tf_rpc=ApplyResourceChange",
		"  error=",
		"  | a continuation line",
		"2026-11-23T15:54:56.552Z [TRACE] provider: Served request: tf_rpc=ApplyResourceChange",
		"2026-11-23T15:54:57.467Z [TRACE] dag/walk: vertex \"root\" is waiting",
		"2026-11-23T15:54:58.181Z [TRACE] NodeAbstractResouceInstance.writeResourceInstanceState to workingState",
		"2026-11-23T15:54:58.193Z [TRACE] NodeAbstractResouceInstance.writeResourceInstanceState to workingState",
	}, "\n")
	got, err := checkGaps(strings.NewReader(log))
	if err != nil {
		t.Fatal(err)
	}
	if want := 1639*time.Millisecond + 1629*time.Millisecond; got != want {
		t.Fatalf("gaps = %s, want %s", got, want)
	}
	if _, err := checkGaps(strings.NewReader("2026-11-23T15:54:58.193Z [INFO] nothing here")); err == nil {
		t.Fatal("a log without the checks gave no error")
	}
}

func TestMapHoldersHoldTheMembersMap(t *testing.T) {
	for _, tc := range []struct {
		name      string
		holder    mapHolder
		path      []string
		attribute string
	}{
		{"terraform_data", terraformAlone, []string{"terraform_data", "members"}, "triggers_replace"},
		{"keeper", frameworkAlone, []string{"csumbench_map", "members"}, "members"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			block := tc.holder([]string{"a", "b"})["resource"].(map[string]any)
			for _, step := range tc.path {
				block = block[step].(map[string]any)
			}
			if got, ok := block[tc.attribute].(map[string]string); !ok || len(got) != 2 || got["a"] != "" || got["b"] != "" {
				t.Errorf("%s = %#v, want a map of a and b labelled \"\"", tc.attribute, block[tc.attribute])
			}
		})
	}
}
