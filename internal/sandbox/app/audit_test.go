package app

import (
	"net/url"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// writeSettingsTimes makes n API changes to the settings, each a new audit entry.
func writeSettingsTimes(t *testing.T, h *harness, n int) {
	t.Helper()
	for i := range n {
		body := settingsJSON(t, func(doc map[string]any) { obj(doc["groupSettings"])["maxUsersPerAction"] = i + 1 })
		h.do(request{method: "PUT", path: "/v1/settings", body: body}).mustStatus(t, 200, "")
	}
}

func TestAuditPaging(t *testing.T) {
	h := newHarness(t, Seed{})
	writeSettingsTimes(t, h, 5)

	var ids []string
	path := "/v1/audit?limit=2"
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("paging does not end")
		}
		r := h.get(path).mustStatus(t, 200, "")
		results := r.list("results")
		if len(results) > 2 {
			t.Fatalf("page of %d entries with limit 2", len(results))
		}
		for _, e := range results {
			ids = append(ids, str(obj(e)["id"]))
		}
		next, _ := r.body["next"].(string)
		if next == "" {
			break
		}
		// An entry written between two page reads must not shift the pages.
		if pages == 0 {
			h.app.SetPrivilegedUser(userValid)
		}
		path = "/v1/audit?limit=2&cursor=" + url.QueryEscape(next)
	}
	want := []string{"a-000005", "a-000004", "a-000003", "a-000002", "a-000001"}
	if !reflect.DeepEqual(ids, want) {
		t.Fatalf("paged ids %v, want %v", ids, want)
	}
}

func TestAuditEntry(t *testing.T) {
	h := newHarness(t, Seed{})
	writeSettingsTimes(t, h, 1)
	r := h.get("/v1/audit")
	want := map[string]any{"id": "a-000001", "at": "2026-11-20T09:00:00Z", "actor": actorAPI, "channel": channelAPI,
		"action": actionSettingsUpdated, "target": "/v1/settings", "summary": "groupSettings.maxUsersPerAction 100 -> 1"}
	if got := r.list("results"); len(got) != 1 || !reflect.DeepEqual(got[0], want) || r.body["next"] != nil {
		t.Fatalf("audit %s", r.raw)
	}
}

func TestAuditDefaultLimitAndRetention(t *testing.T) {
	h := newHarness(t, Seed{})
	writeSettingsTimes(t, h, 60)
	if n := len(h.get("/v1/audit").list("results")); n != defaultAuditLimit {
		t.Fatalf("default page of %d", n)
	}
	if n := len(h.get("/v1/audit?limit=200").list("results")); n != 60 {
		t.Fatalf("page of %d with limit 200", n)
	}
	// Entries older than the retention period disappear.
	s := csumdoc.DefaultSettings()
	s.GeneralSettings.AuditRetentionDays = 1
	h.app.SetSettings(s)
	h.clock = h.clock.Add(36 * time.Hour)
	if n := len(h.get("/v1/audit").list("results")); n != 0 {
		t.Fatalf("%d entries past their retention", n)
	}
}

func TestAuditBadQuery(t *testing.T) {
	h := newHarness(t, Seed{})
	for _, query := range []string{"limit=0", "limit=201", "limit=ten", "limit=", "cursor=garbage", "cursor=" + encodeCursor(0), "page=2"} {
		t.Run(query, func(t *testing.T) {
			h.get("/v1/audit?"+query).mustStatus(t, 400, codeBadRequest)
		})
	}
	for _, limit := range []int{1, 200} {
		h.get("/v1/audit?limit="+strconv.Itoa(limit)).mustStatus(t, 200, "")
	}
}

func TestTruncateKeepsUTF8Whole(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abcd", "abcd"},
		{"abcdef", "abcd..."},
		{"abcé", "abc..."}, // é is two bytes; cutting at 4 would split it
	}
	for _, tt := range tests {
		if got := truncate(tt.in, 4); got != tt.want {
			t.Errorf("truncate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
