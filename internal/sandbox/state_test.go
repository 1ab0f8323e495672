package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestStateFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	first, err := Start(Options{StatePath: path})
	if err != nil {
		t.Fatal(err)
	}
	created := call(t, first, asAdmin, "POST", "/wiki/rest/api/group", map[string]string{"name": "ops-night"}).json(t)
	id := created["id"].(string)
	vera := accountOf(t, first, viewerEmail)
	if r := call(t, first, asAdmin, "POST", "/wiki/rest/api/group/userByGroupId?groupId="+id, map[string]string{"accountId": vera}); r.status != 201 {
		t.Fatalf("add member = %d", r.status)
	}
	perm := call(t, first, asAdmin, "POST", "/wiki/rest/api/space/OPS/permission", permBody("group", id, "read", "space")).json(t)
	permID := int64(perm["id"].(float64))
	if r := call(t, first, asAdmin, "DELETE", "/wiki/rest/api/space/OPS/permission/"+jsonNumber(permID), nil); r.status != 204 {
		t.Fatalf("delete permission = %d", r.status)
	}
	first.App().SetPrivilegedUser(accountOf(t, first, "automation@example.com"))

	// Every successful write was saved already: the file reflects them before Close.
	saved, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(saved, []byte(`"ops-night"`)) || !bytes.Contains(saved, []byte(`"privilegedUser"`)) {
		t.Fatalf("state file misses the writes")
	}
	if bytes.Contains(saved, []byte("sandbox-legacy-token")) {
		t.Error("state file holds the legacy app token")
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	// A different seed is ignored once the state file exists.
	second := startSandbox(t, Options{StatePath: path, Seed: GenerateSeed(GenerateOptions{Users: 1})})
	g, ok := second.Store().GroupByName("ops-night")
	if !ok || g.ID != id || !slices.Equal(second.Store().Members(id), []string{vera}) {
		t.Fatalf("restored group %+v members %v", g, second.Store().Members(id))
	}
	if _, ok := second.Store().GroupByName("eng-writers"); !ok {
		t.Error("demo data lost")
	}
	if got := second.App().Snapshot().PrivilegedUser; got != accountOf(t, second, "automation@example.com") {
		t.Errorf("app state not restored: privileged user %q", got)
	}
	// Permission ids are never reused, even for a grant deleted before the restart.
	again := call(t, second, asAdmin, "POST", "/wiki/rest/api/space/OPS/permission", permBody("group", id, "read", "space")).json(t)
	if int64(again["id"].(float64)) <= permID {
		t.Errorf("permission id %v reused after restart (deleted %d)", again["id"], permID)
	}
	if r := call(t, second, asAdmin, "GET", "/wiki/rest/api/user/current", nil); r.status != 200 {
		t.Errorf("seed credentials lost: %d", r.status)
	}
}

func jsonNumber(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestStateFileErrors(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(broken, []byte(`{"sandboxStateVersion": 1, "typo": true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Start(Options{StatePath: broken}); err == nil || !strings.Contains(err.Error(), "typo") {
		t.Errorf("broken state file: %v", err)
	}
	if _, err := Start(Options{StatePath: filepath.Join(dir, "missing-dir", "state.json")}); err == nil {
		t.Error("an unwritable state path must fail at start")
	}
}

func TestFailedWritesAreNotSaved(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	s := startSandbox(t, Options{StatePath: path})
	before, _ := os.Stat(path)
	if r := call(t, s, asViewer, "POST", "/wiki/rest/api/group", map[string]string{"name": "x"}); r.status != 403 {
		t.Fatalf("status %d", r.status)
	}
	after, _ := os.Stat(path)
	if !after.ModTime().Equal(before.ModTime()) {
		t.Error("a refused write rewrote the state file")
	}
}

func TestConcurrentRequests(t *testing.T) {
	s := startSandbox(t, Options{StatePath: filepath.Join(t.TempDir(), "state.json")})
	oncall := groupID(t, s, "ops-oncall")
	users := s.Store().Users()
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Add(2)
		go func() {
			defer wg.Done()
			r := call(t, s, asAdmin, "POST", "/wiki/rest/api/group/userByGroupId?groupId="+oncall, map[string]string{"accountId": u.AccountID})
			if r.status != http.StatusCreated {
				t.Errorf("add %d = %d", i, r.status)
			}
		}()
		go func() {
			defer wg.Done()
			call(t, s, asViewer, "GET", "/wiki/rest/api/group/"+oncall+"/membersByGroupId", nil)
		}()
	}
	wg.Wait()
	if got := len(s.Store().Members(oncall)); got != len(users) {
		t.Errorf("members = %d, want %d", got, len(users))
	}
}
