package app

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

func TestSeed(t *testing.T) {
	var seed Seed
	raw := `{"apiKey":"seeded-key","privilegedUser":"` + userValid + `","legacyCredentials":{"email":"old@example.com","apiToken":"tok"},` +
		`"settings":` + settingsJSON(t, func(doc map[string]any) { obj(doc["groupSettings"])["maxGroupsPerAction"] = 3 }) +
		`,"permissionSchemes":{"default":["ADD_MEMBERS"],"users":[],"groups":[]}}`
	if err := json.Unmarshal([]byte(raw), &seed); err != nil {
		t.Fatal(err)
	}
	if seed.LegacyCredentials == nil || seed.LegacyCredentials.Email != "old@example.com" {
		t.Fatalf("seed legacy credentials not read from camelCase JSON: %+v", seed.LegacyCredentials)
	}
	a := New(newFakeDirectory(), seed, nil)
	s := a.Snapshot()
	if s.Settings.GroupSettings.MaxGroupsPerAction != 3 || !reflect.DeepEqual(s.PermissionSchemes.Default, []string{"ADD_MEMBERS"}) ||
		s.PrivilegedUser != userValid || s.LegacyCredentials == nil || s.SettingsRevision != 1 {
		t.Fatalf("seeded state %+v", s)
	}
	h := &harness{t: t, app: a}
	h.do(request{method: "GET", path: "/v1/status", header: map[string]string{"Authorization": "Bearer seeded-key"}}).mustStatus(t, 200, "")
}

func TestSnapshotRestoreRoundTrip(t *testing.T) {
	h := newHarness(t, Seed{})
	writeSettingsTimes(t, h, 3)
	h.do(request{method: "PUT", path: "/v1/privileged-user", body: `{"accountId":"` + userValid + `"}`}).mustStatus(t, 200, "")
	snap := h.app.Snapshot()
	b, err := json.Marshal(snap)
	if err != nil {
		t.Fatal(err)
	}
	var decoded State
	if err := json.Unmarshal(b, &decoded); err != nil {
		t.Fatal(err)
	}

	other := newHarness(t, Seed{})
	other.app.Restore(decoded)
	if !reflect.DeepEqual(other.app.Snapshot(), snap) {
		t.Fatalf("restored state differs:\n%+v\n%+v", other.app.Snapshot(), snap)
	}
	if other.changes.Load() != 0 {
		t.Fatalf("Restore called onChange")
	}
	// Sequence numbers continue after a restore, so audit IDs stay unique.
	writeSettingsTimes(t, other, 1)
	if got := other.get("/v1/audit?limit=1").list("results"); obj(got[0])["id"] != "a-000005" {
		t.Fatalf("next audit entry after restore: %v", got)
	}
	// The snapshot is a copy: changing it does not reach into the app.
	snap.Settings.GroupSettings.GroupBlocklist = append(snap.Settings.GroupSettings.GroupBlocklist, "x")
	if s, _ := h.app.Settings(); len(s.GroupSettings.GroupBlocklist) != 0 {
		t.Fatalf("snapshot aliases the app's state")
	}
}

// TestConcurrentWritesKeepRevisionsConsistent runs conditional writers against each other: every revision
// is won by exactly one of them, and the rest get 412.
func TestConcurrentWritesKeepRevisionsConsistent(t *testing.T) {
	h := newHarness(t, Seed{})
	const writers = 8
	var wg sync.WaitGroup
	statuses := make(chan int, writers)
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := settingsJSON(t, func(doc map[string]any) { obj(doc["groupSettings"])["maxUsersPerAction"] = i + 1 })
			r := h.do(request{method: "PUT", path: "/v1/settings", body: body, header: map[string]string{"If-Match": `"1"`}})
			statuses <- r.status
			h.get("/v1/settings")
			h.get("/v1/audit")
		}()
	}
	wg.Wait()
	close(statuses)
	won := 0
	for status := range statuses {
		switch status {
		case 200:
			won++
		case 412:
		default:
			t.Errorf("unexpected status %d", status)
		}
	}
	if _, rev := h.app.Settings(); won != 1 || rev != 2 {
		t.Fatalf("%d writers won, revision %d", won, rev)
	}
}

// FuzzHandlerBodies checks that no body, on any writing endpoint, panics the handler or earns a 5xx.
func FuzzHandlerBodies(f *testing.F) {
	valid, _ := json.Marshal(csumdoc.Export{FormatVersion: 2, Settings: csumdoc.DefaultSettings(), PermissionSchemes: csumdoc.DefaultPermissionSchemes()})
	for _, seed := range []string{"", "{}", "[]", "null", `{"accountId":"` + userValid + `"}`, string(valid),
		`{"groupSettings":{"spaceGroupPattern":{"prefix":"(","suffix":[]}}}`, `{"default":[1e400]}`, `{"a":` + fmt.Sprint(1<<62) + `}`} {
		f.Add(seed, uint8(0))
	}
	targets := []struct{ method, path string }{
		{"PUT", "/v1/settings"}, {"PUT", "/v1/permission-schemes"}, {"PUT", "/v1/privileged-user"},
		{"POST", "/v1/config/import"}, {"POST", "/v1/config/import?mode=lenient&permissionSchemes=keep"},
	}
	f.Fuzz(func(t *testing.T, body string, target uint8) {
		h := newHarness(t, Seed{})
		tg := targets[int(target)%len(targets)]
		req := request{method: tg.method, path: tg.path, body: body}
		if body == "" {
			req.header = map[string]string{"Content-Type": "application/json"}
		}
		r := h.do(req)
		if r.status >= 500 {
			t.Fatalf("%s %s answered %d for %q", tg.method, tg.path, r.status, body)
		}
	})
}
