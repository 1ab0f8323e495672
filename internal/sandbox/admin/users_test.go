package admin

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSearchPagesThroughEveryUser(t *testing.T) {
	_, _, srv := testServer(t, 250)
	var seen []string
	body := map[string]any{"limit": 100, "expand": []string{"productAccess"}}
	for pages := 1; ; pages++ {
		a := call(t, srv, testKey, http.MethodPost, searchPath, body)
		if a.Status != 200 {
			t.Fatalf("page %d: %d %s", pages, a.Status, a.Body)
		}
		var page searchPage
		a.json(t, &page)
		for _, u := range page.Data {
			seen = append(seen, u.AccountID)
		}
		if page.Links.Next == nil {
			if pages != 3 {
				t.Errorf("%d pages, want 3 (100, 100, 50)", pages)
			}
			break
		}
		if len(page.Data) != 100 {
			t.Fatalf("page %d has %d users before the last page", pages, len(page.Data))
		}
		// With a cursor every other parameter is discarded: this limit is not applied.
		body = map[string]any{"cursor": *page.Links.Next, "limit": 1}
	}
	if len(seen) != 250 || !slices.IsSorted(seen) || len(slices.Compact(slices.Clone(seen))) != 250 {
		t.Errorf("saw %d users (sorted %v), want each of 250 once", len(seen), slices.IsSorted(seen))
	}
}

func TestSearchRefusesBadRequests(t *testing.T) {
	_, _, srv := testServer(t, 3)
	for _, c := range []struct {
		name   string
		body   any
		status int
	}{
		{"limit above the maximum", map[string]any{"limit": MaxUserPage + 1}, 400},
		{"limit zero", map[string]any{"limit": 0}, 400},
		{"searchTerm with emails", map[string]any{"searchTerm": "a", "emails": []string{"a@example.com"}}, 400},
		{"unknown status", map[string]any{"status": []string{"sleeping"}}, 400},
		{"unknown expand", map[string]any{"expand": []string{"lastActive"}}, 400},
		{"unknown field", map[string]any{"productKey": "confluence"}, 400},
		{"not emulated filter", map[string]any{"roleIds": []string{"atlassian/user"}}, 400},
		{"a cursor never handed out", map[string]any{"cursor": "bogus"}, 400},
		{"not JSON", "status=active", 415},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := call(t, srv, testKey, http.MethodPost, searchPath, c.body)
			if a.Status != c.status {
				t.Fatalf("got %d %s, want %d", a.Status, a.Body, c.status)
			}
			if code := errorCode(t, a); !strings.HasPrefix(code, "ADMIN-UAM-") {
				t.Errorf("code %s", code)
			}
		})
	}
}

func TestSearchFiltersAndExpansions(t *testing.T) {
	_, _, srv := testServer(t, 12)
	ids := func(body map[string]any) []string {
		t.Helper()
		var page searchPage
		a := call(t, srv, testKey, http.MethodPost, searchPath, body)
		if a.Status != 200 {
			t.Fatalf("%v: %d %s", body, a.Status, a.Body)
		}
		a.json(t, &page)
		var out []string
		for _, u := range page.Data {
			out = append(out, u.AccountID)
		}
		return out
	}
	for _, c := range []struct {
		name string
		body map[string]any
		want []string
	}{
		{"status suspended", map[string]any{"status": []string{"suspended"}}, []string{accountID(0)}},
		{"status deactivated", map[string]any{"status": []string{"deactivated"}}, []string{accountID(1)}},
		{"accountStatus inactive", map[string]any{"accountStatus": []string{"inactive"}}, []string{accountID(1)}},
		{"membershipStatus suspended", map[string]any{"membershipStatus": []string{"suspended"}}, []string{accountID(0)}},
		{"accountIds", map[string]any{"accountIds": []string{accountID(3), accountID(7)}}, []string{accountID(3), accountID(7)}},
		{"emails", map[string]any{"emails": []string{"USER004@example.com"}}, []string{accountID(4)}},
		{"searchTerm", map[string]any{"searchTerm": "user 01"}, []string{accountID(10), accountID(11)}},
		{"groupIds", map[string]any{"groupIds": []string{"g-1"}}, []string{accountID(2)}},
		{"emailDomains elsewhere", map[string]any{"emailDomains": []string{"example.net"}}, nil},
		{"directoryIds outside the path's directory", map[string]any{"directoryIds": []string{"dir-other"}}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ids(c.body); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
	t.Run("every directory with -", func(t *testing.T) {
		a := call(t, srv, testKey, http.MethodPost, "/v2/orgs/"+testOrg+"/directories/-/users/search", map[string]any{})
		var page searchPage
		a.json(t, &page)
		if a.Status != 200 || len(page.Data) != 12 {
			t.Errorf("got %d, %d users", a.Status, len(page.Data))
		}
	})

	var page searchPage
	call(t, srv, testKey, http.MethodPost, searchPath, map[string]any{"accountIds": []string{accountID(2), accountID(5), accountID(7)},
		"expand": []string{"productAccess", "groups"}}).json(t, &page)
	byID := map[string]int{}
	for i, u := range page.Data {
		byID[u.AccountID] = i
	}
	hidden, never, active := page.Data[byID[accountID(2)]], page.Data[byID[accountID(5)]], page.Data[byID[accountID(7)]]
	if hidden.Email != nil || hidden.Groups == nil || len(*hidden.Groups) != 1 || len(*hidden.ProductAccess) != 2 {
		t.Errorf("user 2 (hidden email, one group, two products): %+v", hidden)
	}
	if pa := *never.ProductAccess; len(pa) != 1 || pa[0].Key != "confluence" || pa[0].ID != siteID || pa[0].LastActiveTimestamp != nil {
		t.Errorf("a product never used has no timestamp: %+v", pa)
	}
	pa := *active.ProductAccess
	if len(pa) != 1 || pa[0].LastActiveTimestamp == nil {
		t.Fatalf("user 7 product access %+v", pa)
	}
	if at, err := time.Parse(time.RFC3339, *pa[0].LastActiveTimestamp); err != nil || !at.Equal(testNow.AddDate(0, 0, -7)) {
		t.Errorf("last active %q (%v), want 7 days before the seed's time", *pa[0].LastActiveTimestamp, err)
	}

	var plain searchPage
	call(t, srv, testKey, http.MethodPost, searchPath, map[string]any{"accountIds": []string{accountID(7)}}).json(t, &plain)
	if plain.Data[0].ProductAccess != nil || plain.Data[0].Groups != nil {
		t.Errorf("productAccess and groups without expand: %+v", plain.Data[0])
	}
}

// Accounts and groups come from the directory at each request; activity and membership change out of band.
func TestSearchFollowsChanges(t *testing.T) {
	org, dir, srv := testServer(t, 4)
	dir.mu.Lock()
	delete(dir.accounts, accountID(3))
	dir.mu.Unlock()
	at := testNow.Add(-time.Hour)
	if err := org.SetLastActive(accountID(0), "confluence", at); err != nil {
		t.Fatal(err)
	}
	if err := org.SetMembershipStatus(accountID(0), MembershipActive); err != nil {
		t.Fatal(err)
	}
	if err := org.SetLastActive(accountID(0), "trello", at); err == nil {
		t.Error("a product the organization does not have was accepted")
	}
	var page searchPage
	call(t, srv, testKey, http.MethodPost, searchPath, map[string]any{"expand": []string{"productAccess"}}).json(t, &page)
	if len(page.Data) != 3 {
		t.Fatalf("a deleted account is still listed: %d users", len(page.Data))
	}
	first := page.Data[0]
	if first.Status != "active" || *(*first.ProductAccess)[0].LastActiveTimestamp != at.Format(time.RFC3339) {
		t.Errorf("user 0 after the changes: %+v", first)
	}
}

func TestNewRejectsBadSeeds(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*Seed)
		want   string
	}{
		{"no id", func(s *Seed) { s.ID = "" }, "id"},
		{"no directory", func(s *Seed) { s.Directories = nil }, "at least one directory"},
		{"unknown account", func(s *Seed) { s.Users = append(s.Users, SeedUser{AccountID: "557058:nobody"}) }, "no such account"},
		{"duplicate user", func(s *Seed) { s.Users = append(s.Users, s.Users[0]) }, "listed twice"},
		{"unknown directory", func(s *Seed) { s.Users[0].Directories = []string{"nope"} }, `no directory "nope"`},
		{"unknown product", func(s *Seed) { s.Users[0].ProductAccess = []SeedAccess{{Key: "trello"}} }, "not one of the organization's products"},
		{"both times", func(s *Seed) {
			now := testNow
			s.Users[0].ProductAccess = []SeedAccess{{Key: "confluence", LastActive: &now, LastActiveDaysAgo: days(1)}}
		}, "exclude each other"},
		{"negative days", func(s *Seed) {
			s.Users[0].ProductAccess = []SeedAccess{{Key: "confluence", LastActiveDaysAgo: days(-1)}}
		}, "negative"},
		{"bad membership", func(s *Seed) { s.Users[0].MembershipStatus = "gone" }, "membershipStatus"},
		{"duplicate key", func(s *Seed) { s.APIKeys = append(s.APIKeys, s.APIKeys[0]) }, "distinct"},
		{"directory called -", func(s *Seed) { s.Directories[0].ID = "-" }, `directory "-"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir, seed := testSeed(3)
			c.change(&seed)
			_, err := New(dir, seed, testNow)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error mentioning %q", err, c.want)
			}
		})
	}
}

// A snapshot is the organization as a seed with absolute times, which builds the same organization again.
func TestSnapshotRebuildsTheSameOrg(t *testing.T) {
	org, dir, _ := testServer(t, 6)
	snap := org.Snapshot()
	for _, u := range snap.Users {
		for _, a := range u.ProductAccess {
			if a.LastActiveDaysAgo != nil || a.ID == "" {
				t.Fatalf("snapshot keeps a relative time or lacks a product ID: %+v", a)
			}
		}
	}
	again, err := New(dir, snap, testNow.AddDate(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Snapshot(); !equalSeeds(got, snap) {
		t.Errorf("rebuilt snapshot differs:\n%+v\n%+v", got, snap)
	}
}

func equalSeeds(a, b Seed) bool {
	if a.ID != b.ID || len(a.Users) != len(b.Users) {
		return false
	}
	for i := range a.Users {
		x, y := a.Users[i], b.Users[i]
		if x.AccountID != y.AccountID || x.MembershipStatus != y.MembershipStatus || len(x.ProductAccess) != len(y.ProductAccess) {
			return false
		}
		for j := range x.ProductAccess {
			p, q := x.ProductAccess[j], y.ProductAccess[j]
			if p.Key != q.Key || p.ID != q.ID || (p.LastActive == nil) != (q.LastActive == nil) ||
				(p.LastActive != nil && !p.LastActive.Equal(*q.LastActive)) {
				return false
			}
		}
	}
	return true
}

func TestDisabledAcceptsNoKey(t *testing.T) {
	org := Disabled()
	if org.APIKey() != "" || org.ID() != "" {
		t.Fatalf("a disabled organization has a key or an ID")
	}
	srv := httptestServer(t, org)
	if a := call(t, srv, DefaultAPIKey, http.MethodGet, "/v1/orgs", nil); a.Status != 401 {
		t.Errorf("got %d, want 401", a.Status)
	}
}
