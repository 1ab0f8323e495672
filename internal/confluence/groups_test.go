package confluence

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

func (f *fakeSite) withGroupRoutes() *fakeSite {
	f.mux.HandleFunc("GET /wiki/rest/api/group/{id}/membersByGroupId", func(w http.ResponseWriter, r *http.Request) {
		var items []any
		for _, id := range f.members[r.PathValue("id")] {
			items = append(items, user(id))
		}
		offsetPage(w, r, items, 200)
	})
	f.mux.HandleFunc("GET /wiki/rest/api/group/by-id", func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("id")
		name, ok := f.groups[id]
		if !ok {
			writeJSON(w, 404, `{"statusCode":404,"message":"com.atlassian.confluence.api.service.exceptions.NotFoundException: no group","reason":"Not Found"}`)
			return
		}
		body, _ := json.Marshal(map[string]string{"type": "group", "id": id, "name": name})
		writeJSON(w, 200, string(body))
	})
	f.mux.HandleFunc("GET /wiki/rest/api/group/picker", func(w http.ResponseWriter, r *http.Request) {
		var items []any
		for _, id := range sortedKeys(f.groups) {
			if strings.Contains(f.groups[id], strings.ToLower(r.URL.Query().Get("query"))) {
				items = append(items, map[string]string{"type": "group", "id": id, "name": f.groups[id]})
			}
		}
		offsetPage(w, r, items, 200)
	})
	f.mux.HandleFunc("GET /wiki/rest/api/user/memberof", func(w http.ResponseWriter, r *http.Request) {
		var items []any
		for _, gid := range sortedKeys(f.groups) {
			for _, m := range f.members[gid] {
				if m == r.URL.Query().Get("accountId") {
					items = append(items, map[string]string{"type": "group", "id": gid, "name": f.groups[gid]})
				}
			}
		}
		offsetPage(w, r, items, 200)
	})
	f.mux.HandleFunc("POST /wiki/rest/api/group", func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Name string }
		_ = json.NewDecoder(r.Body).Decode(&body)
		writeJSON(w, 201, `{"type":"group","id":"new-id","name":"`+body.Name+`"}`)
	})
	f.mux.HandleFunc("POST /wiki/rest/api/group/userByGroupId", func(w http.ResponseWriter, r *http.Request) {
		var body struct{ AccountID string }
		_ = json.NewDecoder(r.Body).Decode(&body)
		gid := r.URL.Query().Get("groupId")
		f.members[gid] = append(f.members[gid], body.AccountID)
		w.WriteHeader(201)
	})
	f.mux.HandleFunc("DELETE /wiki/rest/api/group/userByGroupId", func(w http.ResponseWriter, r *http.Request) {
		// This fake answers 404 for a non-member, as some sites do.
		gid, acc := r.URL.Query().Get("groupId"), r.URL.Query().Get("accountId")
		for i, m := range f.members[gid] {
			if m == acc {
				f.members[gid] = append(f.members[gid][:i], f.members[gid][i+1:]...)
				w.WriteHeader(204)
				return
			}
		}
		writeJSON(w, 404, `{"statusCode":404,"message":"not found","reason":"Not Found"}`)
	})
	return f
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := range keys {
		for j := i + 1; j < len(keys); j++ {
			if m[keys[j]] < m[keys[i]] {
				keys[i], keys[j] = keys[j], keys[i]
			}
		}
	}
	return keys
}

func TestMembersReadsAllPagesInFewestRequests(t *testing.T) {
	for _, n := range []int{0, 1, 200, 201, 450, 1000} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			f := newFakeSite(t).withGroupRoutes()
			f.members["g1"] = accountIDs(n)
			users, err := f.client(t).Members(context.Background(), "g1")
			if err != nil {
				t.Fatal(err)
			}
			if len(users) != n || (n > 0 && users[n-1].AccountID != f.members["g1"][n-1]) {
				t.Fatalf("got %d members, want %d in order", len(users), n)
			}
			want := max((n+199)/200, 1)
			if got := f.hits("/wiki/rest/api/group/g1/membersByGroupId"); got != want {
				t.Errorf("%d members took %d requests, want %d", n, got, want)
			}
		})
	}
}

func TestFindGroupByName(t *testing.T) {
	f := newFakeSite(t).withGroupRoutes()
	f.groups = map[string]string{"g1": "eng-writers", "g2": "eng-writers-old", "g3": "eng"}
	c := f.client(t)

	got, err := c.FindGroupByName(context.Background(), "ENG-Writers")
	if err != nil || got.ID != "g1" {
		t.Errorf("FindGroupByName = %+v, %v; want g1", got, err)
	}
	_, err = c.FindGroupByName(context.Background(), "eng-writ")
	var nf *NotFoundError
	if !errors.As(err, &nf) || !httpx.IsNotFound(err) || nf.Kind != "group" {
		t.Errorf("partial name gave %v, want a group NotFoundError", err)
	}
}

func TestFindGroupByNameFollowsPages(t *testing.T) {
	f := newFakeSite(t).withGroupRoutes()
	for i := range 250 {
		f.groups["id"+strconv.Itoa(i)] = "team-" + strconv.Itoa(1000+i)
	}
	got, err := f.client(t).FindGroupByName(context.Background(), "team-1249")
	if err != nil || got.ID != "id249" {
		t.Errorf("FindGroupByName = %+v, %v; want id249 from the second page", got, err)
	}
}

func TestGetGroupNotFound(t *testing.T) {
	f := newFakeSite(t).withGroupRoutes()
	_, err := f.client(t).GetGroup(context.Background(), "missing")
	if !httpx.IsNotFound(err) || !httpx.IsStatus(err, 404) {
		t.Fatalf("got %v, want a not-found error wrapping the 404", err)
	}
	if !strings.Contains(err.Error(), `group "missing" not found`) {
		t.Errorf("message = %q", err)
	}
}

func TestMembershipChanges(t *testing.T) {
	f := newFakeSite(t).withGroupRoutes()
	f.groups["g1"] = "eng-writers"
	c := f.client(t)
	ctx := context.Background()

	if err := c.AddMember(ctx, "g1", "a1"); err != nil {
		t.Fatal(err)
	}
	if in, err := c.IsMember(ctx, "g1", "a1"); err != nil || !in {
		t.Errorf("IsMember after add = %v, %v", in, err)
	}
	if err := c.RemoveMember(ctx, "g1", "a1"); err != nil {
		t.Fatal(err)
	}
	if in, err := c.IsMember(ctx, "g1", "a1"); err != nil || in {
		t.Errorf("IsMember after remove = %v, %v", in, err)
	}
	// Removing again: the site answers 404 but the group exists, so it is already done.
	if err := c.RemoveMember(ctx, "g1", "a1"); err != nil {
		t.Errorf("second remove = %v, want nil", err)
	}
	// Removing from a group that is gone is a not-found error for the group.
	if err := c.RemoveMember(ctx, "gone", "a1"); !httpx.IsNotFound(err) {
		t.Errorf("remove from a deleted group = %v, want not found", err)
	}
}

func TestCreateGroupSendsXSRFHeader(t *testing.T) {
	f := newFakeSite(t).withGroupRoutes()
	g, err := f.client(t).CreateGroup(context.Background(), "eng-writers")
	if err != nil || !reflect.DeepEqual(g, Group{ID: "new-id", Name: "eng-writers", Type: "group"}) {
		t.Errorf("CreateGroup = %+v, %v", g, err)
	}
}

func TestWrongTokenGivesOneReadableError(t *testing.T) {
	f := newFakeSite(t).withGroupRoutes()
	c, err := New(Config{SiteURL: f.srv.URL, Email: testEmail, APIToken: "wrong-token-value", Common: httpx.Common{MaxRetries: 5}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListGroups(context.Background())
	if !httpx.IsStatus(err, 401) || !strings.Contains(err.Error(), "GET /wiki/rest/api/group: 401 Unauthorized") {
		t.Fatalf("got %v, want a readable 401", err)
	}
	if strings.Contains(err.Error(), "wrong-token-value") {
		t.Error("the token is in the error")
	}
	if n := f.hits("/wiki/rest/api/group"); n != 1 {
		t.Errorf("a 401 was sent %d times, want once", n)
	}
}
