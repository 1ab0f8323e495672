package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	testOrg       = "org-7a1b"
	testDirectory = "dir-main"
	testKey       = "test-org-key"
	testScopedKey = "test-scoped-key" // may list orgs and directories, not users
	siteID        = "site-confluence"
	jiraID        = "site-jira"
)

// fakeDirectory is an in-memory Directory that tests may change while the organization serves.
type fakeDirectory struct {
	mu       sync.Mutex
	accounts map[string]Account
	groups   map[string][]Group
}

func (d *fakeDirectory) Account(id string) (Account, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	a, ok := d.accounts[id]
	return a, ok
}

func (d *fakeDirectory) GroupsOf(id string) []Group {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.groups[id]
}

func accountID(i int) string { return fmt.Sprintf("557058:%08d", i) }

func days(n int) *int { return &n }

// testSeed is an organization of n users in one directory, each with Confluence access: user i was last
// active i days ago, except every fifth, who never used it. User 0 is suspended, user 1 deactivated (in the
// directory), user 2 hides its email and also uses Jira.
func testSeed(n int) (*fakeDirectory, Seed) {
	dir := &fakeDirectory{accounts: map[string]Account{}, groups: map[string][]Group{}}
	seed := Seed{ID: testOrg, Name: "Test Org",
		APIKeys:     []SeedKey{{Key: testKey}, {Key: testScopedKey, Scopes: []string{ScopeReadOrgs, ScopeReadDirectories}}},
		Directories: []SeedDirectory{{ID: testDirectory, Name: "Main"}, {ID: "dir-other", Name: "Other"}},
		Products:    []SeedProduct{{Key: "confluence", ID: siteID}, {Key: "jira-software", ID: jiraID}}}
	for i := range n {
		id := accountID(i)
		dir.accounts[id] = Account{Name: fmt.Sprintf("User %03d", i), Email: fmt.Sprintf("user%03d@example.com", i),
			Active: i != 1, EmailHidden: i == 2}
		u := SeedUser{AccountID: id}
		if i%5 == 0 {
			u.ProductAccess = []SeedAccess{{Key: "confluence"}}
		} else {
			u.ProductAccess = []SeedAccess{{Key: "confluence", LastActiveDaysAgo: days(i)}}
		}
		if i == 0 {
			u.MembershipStatus = MembershipSuspended
		}
		if i == 2 {
			u.ProductAccess = append(u.ProductAccess, SeedAccess{Key: "jira-software", LastActiveDaysAgo: days(1)})
			dir.groups[id] = []Group{{ID: "g-1", Name: "eng-writers"}}
		}
		seed.Users = append(seed.Users, u)
	}
	return dir, seed
}

var testNow = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

// testServer serves an organization of n users.
func testServer(t *testing.T, n int) (*Org, *fakeDirectory, *httptest.Server) {
	t.Helper()
	dir, seed := testSeed(n)
	org, err := New(dir, seed, testNow)
	if err != nil {
		t.Fatal(err)
	}
	return org, dir, httptestServer(t, org)
}

func httptestServer(t *testing.T, org *Org) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(org.Handler())
	t.Cleanup(srv.Close)
	return srv
}

// answer is one response, its body kept as text.
type answer struct {
	Status int
	Header http.Header
	Body   string
}

func (a answer) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(a.Body), v); err != nil {
		t.Fatalf("decoding %q: %v", a.Body, err)
	}
}

// call sends a request with key as Bearer ("" for none); body is JSON unless it is a string.
func call(t *testing.T, srv *httptest.Server, key, method, path string, body any) answer {
	t.Helper()
	var rd io.Reader
	ctype := "application/json"
	switch b := body.(type) {
	case nil:
	case string:
		rd, ctype = strings.NewReader(b), "text/plain"
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", ctype)
	}
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return answer{Status: resp.StatusCode, Header: resp.Header, Body: string(data)}
}

// errorCode reads the code of a v2 error list.
func errorCode(t *testing.T, a answer) string {
	t.Helper()
	var body apiErrors
	a.json(t, &body)
	if len(body.Errors) != 1 {
		t.Fatalf("want one error, got %s", a.Body)
	}
	return body.Errors[0].Code
}

const searchPath = "/v2/orgs/" + testOrg + "/directories/" + testDirectory + "/users/search"

// searchPage is a decoded page of the users search.
type searchPage struct {
	Data []struct {
		AccountID     string `json:"accountId"`
		Status        string `json:"status"`
		AccountStatus string `json:"accountStatus"`
		Email         *string
		ProductAccess *[]struct {
			Key                 string  `json:"key"`
			ID                  string  `json:"id"`
			LastActiveTimestamp *string `json:"lastActiveTimestamp"`
		} `json:"productAccess"`
		Groups *[]struct{ ID, Name string } `json:"groups"`
	} `json:"data"`
	Links struct {
		Next *string `json:"next"`
	} `json:"links"`
}
