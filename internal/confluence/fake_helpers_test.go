package confluence

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

const (
	testEmail = "admin@example.com"
	testToken = "atl-token-do-not-leak"
)

// fakeSite is a small Confluence stand-in: it checks basic auth and the XSRF header on v1 writes, pages
// like Confluence does, and records every request.
type fakeSite struct {
	t        *testing.T
	mu       sync.Mutex
	requests []*http.Request
	groups   map[string]string   // id -> name
	members  map[string][]string // group id -> account ids
	perms    []string            // v2 permission JSON objects, in order
	mux      *http.ServeMux
	srv      *httptest.Server
}

func newFakeSite(t *testing.T) *fakeSite {
	f := &fakeSite{t: t, groups: map[string]string{}, members: map[string][]string{}, mux: http.NewServeMux()}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSite) client(t *testing.T) *Client {
	t.Helper()
	c, err := New(Config{SiteURL: f.srv.URL, Email: testEmail, APIToken: testToken})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fakeSite) serve(w http.ResponseWriter, r *http.Request) {
	// One request at a time: handlers share the fake's maps.
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r)
	want := "Basic " + base64.StdEncoding.EncodeToString([]byte(testEmail+":"+testToken))
	if r.Header.Get("Authorization") != want {
		writeJSON(w, 401, `{"message":"Unauthorized","statusCode":401}`)
		return
	}
	if r.Method != http.MethodGet && strings.HasPrefix(r.URL.Path, v1) && r.Header.Get("X-Atlassian-Token") != "no-check" {
		writeJSON(w, 403, `{"message":"XSRF check failed","statusCode":403}`)
		return
	}
	f.mux.ServeHTTP(w, r)
}

// hits counts requests to a path.
func (f *fakeSite) hits(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.requests {
		if r.URL.Path == path {
			n++
		}
	}
	return n
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// offsetPage writes items[start:start+limit] as a v1 page whose next link is relative to _links.base.
func offsetPage(w http.ResponseWriter, r *http.Request, items []any, defaultLimit int) {
	start, _ := strconv.Atoi(r.URL.Query().Get("start"))
	limit := defaultLimit
	if l := r.URL.Query().Get("limit"); l != "" {
		limit, _ = strconv.Atoi(l)
	}
	if limit > 200 {
		writeJSON(w, 400, `{"statusCode":400,"message":"limit must be at most 200","reason":"Bad Request"}`)
		return
	}
	start = min(start, len(items))
	end := min(start+limit, len(items))
	links := map[string]string{"base": "http://" + r.Host + "/wiki", "context": "/wiki"}
	if end < len(items) {
		q := r.URL.Query()
		q.Set("start", strconv.Itoa(end))
		q.Set("limit", strconv.Itoa(limit))
		links["next"] = strings.TrimPrefix(r.URL.Path, "/wiki") + "?" + q.Encode()
	}
	body, _ := json.Marshal(map[string]any{
		"results": items[start:end], "start": start, "limit": limit, "size": end - start, "_links": links,
	})
	writeJSON(w, 200, string(body))
}

func user(id string) map[string]any {
	return map[string]any{"type": "known", "accountId": id, "accountType": "atlassian", "displayName": "User " + id, "email": ""}
}

func accountIDs(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("557058:%04d", i)
	}
	return ids
}
