package confluence

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

func (f *fakeSite) withSpaceRoutes() *fakeSite {
	f.mux.HandleFunc("GET /wiki/api/v2/spaces", func(w http.ResponseWriter, r *http.Request) {
		results := "[]"
		if r.URL.Query().Get("keys") == "ENG" {
			results = `[{"id":"98306","key":"ENG","name":"Engineering","type":"global","status":"current"}]`
		}
		writeJSON(w, 200, `{"results":`+results+`,"_links":{}}`)
	})
	f.mux.HandleFunc("GET /wiki/api/v2/spaces/{id}/permissions", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") != "98306" {
			writeJSON(w, 404, `{"errors":[{"status":404,"code":"NOT_FOUND","title":"Not Found","detail":null}]}`)
			return
		}
		limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
		start, _ := strconv.Atoi(r.URL.Query().Get("cursor"))
		end := min(start+limit, len(f.perms))
		if end < len(f.perms) {
			w.Header().Set("Link", `</wiki/api/v2/spaces/98306/permissions?cursor=`+strconv.Itoa(end)+`&limit=`+strconv.Itoa(limit)+`>; rel="next"`)
		}
		writeJSON(w, 200, `{"results":[`+strings.Join(f.perms[start:end], ",")+`],"_links":{"base":"http://`+r.Host+`/wiki"}}`)
	})
	f.mux.HandleFunc("POST /wiki/rest/api/space/{key}/permission", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Subject   struct{ Type, Identifier string }
			Operation struct{ Key, Target string }
		}
		_ = json.NewDecoder(r.Body).Decode(&body)
		if body.Subject.Type != "group" || body.Subject.Identifier != "g1" || body.Operation.Key != "create" || body.Operation.Target != "page" {
			writeJSON(w, 400, `{"statusCode":400,"message":"unexpected body","reason":"Bad Request"}`)
			return
		}
		writeJSON(w, 200, `{"id":33619970,"subject":{"type":"group","identifier":"g1"},"operation":{"key":"create","target":"page"}}`)
	})
	f.mux.HandleFunc("DELETE /wiki/rest/api/space/{key}/permission/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("key") != "ENG" || r.PathValue("id") != "33619970" {
			writeJSON(w, 404, `{"statusCode":404,"message":"no such permission","reason":"Not Found"}`)
			return
		}
		w.WriteHeader(204)
	})
	return f
}

func TestSpaceLookups(t *testing.T) {
	f := newFakeSite(t).withSpaceRoutes()
	c := f.client(t)
	ctx := context.Background()

	s, err := c.SpaceByKey(ctx, "ENG")
	if err != nil || s != (Space{ID: "98306", Key: "ENG", Name: "Engineering", Type: "global", Status: "current"}) {
		t.Errorf("SpaceByKey = %+v, %v", s, err)
	}
	_, err = c.SpaceByKey(ctx, "NOPE")
	var nf *NotFoundError
	if !errors.As(err, &nf) || nf.Kind != "space" || nf.Key != "NOPE" {
		t.Errorf("unknown key gave %v, want a space NotFoundError", err)
	}
	if _, err := c.SpacePermissions(ctx, "1"); !httpx.IsNotFound(err) || !strings.Contains(err.Error(), "404 Not Found: Not Found") {
		t.Errorf("unknown id gave %v, want a not-found error carrying the v2 body", err)
	}
}

func TestSpacePermissionsFollowsLinkHeader(t *testing.T) {
	f := newFakeSite(t).withSpaceRoutes()
	for i := range 600 {
		f.perms = append(f.perms, `{"id":"`+strconv.Itoa(1000+i)+`","principal":{"type":"group","id":"g`+strconv.Itoa(i)+`"},"operation":{"key":"read","targetType":"space"}}`)
	}
	perms, err := f.client(t).SpacePermissions(context.Background(), "98306")
	if err != nil {
		t.Fatal(err)
	}
	if len(perms) != 600 {
		t.Fatalf("got %d permissions, want 600", len(perms))
	}
	want := SpacePermission{ID: 1599, SubjectType: "group", SubjectID: "g599", Operation: "read", Target: "space"}
	if perms[599] != want {
		t.Errorf("last permission = %+v, want %+v", perms[599], want)
	}
	if got := f.hits("/wiki/api/v2/spaces/98306/permissions"); got != 3 {
		t.Errorf("600 permissions took %d requests, want 3 pages of 250", got)
	}
}

func TestSpacePermissionWrites(t *testing.T) {
	f := newFakeSite(t).withSpaceRoutes()
	c := f.client(t)
	ctx := context.Background()
	id, err := c.AddSpacePermission(ctx, "ENG", SubjectGroup, "g1", "create", "page")
	if err != nil || id != 33619970 {
		t.Fatalf("AddSpacePermission = %d, %v", id, err)
	}
	if err := c.RemoveSpacePermission(ctx, "ENG", id); err != nil {
		t.Errorf("RemoveSpacePermission = %v", err)
	}
	if err := c.RemoveSpacePermission(ctx, "ENG", 1); !httpx.IsNotFound(err) {
		t.Errorf("removing an unknown permission = %v, want not found", err)
	}
}

func TestAddSpacePermissionWithLostAnswerIsNotRepeated(t *testing.T) {
	f := newFakeSite(t)
	f.mux.HandleFunc("POST /wiki/rest/api/space/{key}/permission", func(w http.ResponseWriter, r *http.Request) {
		conn, _, _ := w.(http.Hijacker).Hijack()
		_ = conn.Close()
	})
	c, _ := New(Config{SiteURL: f.srv.URL, Email: testEmail, APIToken: testToken, Common: httpx.Common{MaxRetries: 4}})
	_, err := c.AddSpacePermission(context.Background(), "ENG", SubjectUser, "a1", "read", "space")
	var unknown *httpx.OutcomeUnknownError
	if !errors.As(err, &unknown) {
		t.Fatalf("got %v, want an OutcomeUnknownError", err)
	}
	if n := f.hits("/wiki/rest/api/space/ENG/permission"); n != 1 {
		t.Errorf("the add was sent %d times, want once", n)
	}
}

func TestUsers(t *testing.T) {
	f := newFakeSite(t)
	var mu sync.Mutex
	var bulkSizes []int
	f.mux.HandleFunc("GET /wiki/rest/api/user/bulk", func(w http.ResponseWriter, r *http.Request) {
		ids := r.URL.Query()["accountId"]
		mu.Lock()
		bulkSizes = append(bulkSizes, len(ids))
		mu.Unlock()
		var items []any
		for _, id := range ids {
			items = append(items, user(id))
		}
		offsetPage(w, r, items, 200)
	})
	f.mux.HandleFunc("GET /wiki/rest/api/user", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("accountId") != "a1" {
			writeJSON(w, 404, `{"statusCode":404,"message":"no user","reason":"Not Found"}`)
			return
		}
		body, _ := json.Marshal(user("a1"))
		writeJSON(w, 200, string(body))
	})
	var gotCQL string
	f.mux.HandleFunc("GET /wiki/rest/api/search/user", func(w http.ResponseWriter, r *http.Request) {
		gotCQL = r.URL.Query().Get("cql")
		var items []any
		for _, id := range accountIDs(130) {
			items = append(items, map[string]any{"user": user(id), "entityType": "user"})
		}
		offsetPage(w, r, items, 25)
	})
	c := f.client(t)
	ctx := context.Background()

	ids := accountIDs(250)
	users, err := c.BulkUsers(ctx, ids)
	if err != nil || len(users) != 250 {
		t.Fatalf("BulkUsers gave %d users, %v", len(users), err)
	}
	for i, u := range users {
		if u.AccountID != ids[i] {
			t.Fatalf("BulkUsers result %d is %s, want %s: the chunks, fetched at once, must keep their order", i, u.AccountID, ids[i])
		}
	}
	slices.Sort(bulkSizes)
	if !reflect.DeepEqual(bulkSizes, []int{50, 100, 100}) {
		t.Errorf("bulk chunk sizes = %v, want 100, 100 and 50", bulkSizes)
	}

	if u, err := c.GetUser(ctx, "a1"); err != nil || u.AccountID != "a1" || u.DisplayName != "User a1" {
		t.Errorf("GetUser = %+v, %v", u, err)
	}
	var nf *NotFoundError
	if _, err := c.GetUser(ctx, "zz"); !errors.As(err, &nf) || nf.Kind != "user" {
		t.Errorf("GetUser(unknown) = %v, want a user NotFoundError", err)
	}

	found, err := c.UsersByName(ctx, `Jane "JD" Doe`)
	if err != nil || len(found) != 130 || found[129].AccountID != accountIDs(130)[129] {
		t.Errorf("UsersByName gave %d users, %v", len(found), err)
	}
	if want := `user.fullname~"Jane \"JD\" Doe"`; gotCQL != want {
		t.Errorf("CQL = %s, want %s", gotCQL, want)
	}
	if n := f.hits("/wiki/rest/api/search/user"); n != 2 {
		t.Errorf("130 search hits took %d requests, want 2 pages of 100", n)
	}
}

// TestBulkUsersRunsChunksAtOnce: ten chunks run up to bulkUserRequests at a time, and a failed chunk fails
// the lookup.
func TestBulkUsersRunsChunksAtOnce(t *testing.T) {
	var mu sync.Mutex
	inFlight, most, arrived := 0, 0, 0
	// Not the fake site, which answers one request at a time.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inFlight++
		arrived++
		most = max(most, inFlight)
		mu.Unlock()
		// Hold each answer of the first lookup (ten chunks) until as many as may run at once have arrived,
		// or all ten have, so that the peak shows.
		deadline := time.Now().Add(2 * time.Second)
		for time.Now().Before(deadline) {
			mu.Lock()
			full := inFlight >= bulkUserRequests || arrived >= 10
			mu.Unlock()
			if full {
				break
			}
			time.Sleep(time.Millisecond)
		}
		time.Sleep(5 * time.Millisecond)
		mu.Lock()
		inFlight--
		mu.Unlock()
		ids := r.URL.Query()["accountId"]
		if slices.Contains(ids, "broken") {
			writeJSON(w, 400, `{"statusCode":400,"message":"bad request","reason":"Bad Request"}`)
			return
		}
		var items []any
		for _, id := range ids {
			items = append(items, user(id))
		}
		offsetPage(w, r, items, 200)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{SiteURL: srv.URL, Email: testEmail, APIToken: testToken})
	if err != nil {
		t.Fatal(err)
	}
	ids := accountIDs(1000)
	users, err := c.BulkUsers(context.Background(), ids)
	if err != nil || len(users) != 1000 {
		t.Fatalf("BulkUsers gave %d users, %v", len(users), err)
	}
	if most != bulkUserRequests {
		t.Errorf("at most %d lookups ran at once, want %d", most, bulkUserRequests)
	}
	ids[550] = "broken"
	if _, err := c.BulkUsers(context.Background(), ids); err == nil || !strings.Contains(err.Error(), "bad request") {
		t.Errorf("a failed chunk gave %v, want its error", err)
	}
}
