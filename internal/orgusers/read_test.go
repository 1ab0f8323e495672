package orgusers

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/adminapi"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

func ids(users []User) []string {
	out := make([]string, len(users))
	for i, u := range users {
		out[i] = u.AccountID
	}
	return out
}

func TestReadFiltersAndMeasures(t *testing.T) {
	for _, c := range []struct {
		name string
		q    Query
		want []string
	}{
		{"everyone", Query{Product: "confluence"}, []string{"a", "b", "c", "d", "e", "f"}},
		{"inactive for 90 days, never active included", Query{Product: "confluence", Thresholds: Thresholds{InactiveForDays: 90}},
			[]string{"c", "d", "e", "f"}},
		{"protected left out", Query{Product: "confluence", Thresholds: Thresholds{InactiveForDays: 90},
			Protected: map[string]string{"c": "listed", "e": "privileged"}}, []string{"d", "f"}},
		{"protected kept when asked", Query{Product: "confluence", Thresholds: Thresholds{InactiveForDays: 90},
			Protected: map[string]string{"c": "listed"}, IncludeProtected: true}, []string{"c", "d", "e", "f"}},
		{"status filtered even if the API did not", Query{Product: "confluence", Statuses: []string{"suspended"}}, []string{"f"}},
		{"another product", Query{Product: "jira-software", Thresholds: Thresholds{InactiveForDays: 30}}, []string{"a", "b", "c", "e", "f"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			api := demoAdmin()
			got, err := Read(context.Background(), api, c.q, now)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got), c.want) {
				t.Errorf("got %v, want %v", ids(got), c.want)
			}
			if len(api.searches) != 1 || !slices.Equal(api.searches[0].Statuses, c.q.Statuses) {
				t.Errorf("searches %+v: want one, passing the statuses to the API", api.searches)
			}
		})
	}

	got, err := Read(context.Background(), demoAdmin(), Query{Product: "confluence", Thresholds: Thresholds{WarningAfterDays: 60, InactiveForDays: 90},
		IncludeProtected: true}, now)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]User{}
	for _, u := range got {
		byID[u.AccountID] = u
	}
	if byID["d"].Inactivity != Overdue || !byID["d"].LastActive.IsZero() || byID["c"].Inactivity != Overdue ||
		!byID["c"].LastActive.Equal(daysAgo(120)) || byID["c"].Email != "c@example.com" {
		t.Errorf("c and d measured as %+v and %+v", byID["c"], byID["d"])
	}
	all, _ := Read(context.Background(), demoAdmin(), Query{Product: "confluence", Thresholds: Thresholds{WarningAfterDays: 60}}, now)
	levels := map[string]Inactivity{}
	for _, u := range all {
		levels[u.AccountID] = u.Inactivity
	}
	if levels["a"] != Active || levels["b"] != Warning || levels["c"] != Warning || levels["e"] != Warning {
		t.Errorf("levels with a warning threshold only: %v", levels)
	}
}

// A user in two directories is one user, with the latest activity of each product instance.
func TestReadMergesDirectories(t *testing.T) {
	api := demoAdmin()
	api.directories = append(api.directories, adminapi.Directory{ID: "d2", Name: "Other"})
	api.users["d2"] = []adminapi.User{
		user("c", "active", confluence(daysAgo(5)), adminapi.ProductAccess{Key: "confluence", ID: "site-2", LastActive: daysAgo(300)}),
		user("z", "active", confluence(daysAgo(1))),
	}
	got, err := Read(context.Background(), api, Query{Product: "confluence", Thresholds: Thresholds{InactiveForDays: 90}}, now)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ids(got), []string{"d", "e", "f"}) {
		t.Errorf("got %v: c was active 5 days ago in another directory", ids(got))
	}
	everyone, _ := Read(context.Background(), api, Query{Product: "confluence"}, now)
	for _, u := range everyone {
		if u.AccountID == "c" && (len(u.ProductAccess) != 2 || u.ProductAccess[1].ID != "site-2" || !u.LastActive.Equal(daysAgo(5))) {
			t.Errorf("c merged as %+v", u)
		}
	}
	if len(everyone) != 7 {
		t.Errorf("%d users, want 7", len(everyone))
	}
}

func TestReadRefusesAnUnknownProduct(t *testing.T) {
	_, err := Read(context.Background(), demoAdmin(), Query{Product: "confluance"}, now)
	var unknown *UnknownProductError
	if !errors.As(err, &unknown) || !slices.Equal(unknown.InUse, []string{"confluence", "jira-software"}) ||
		!strings.Contains(err.Error(), "confluence, jira-software") {
		t.Fatalf("got %v", err)
	}
	// A product nobody uses yet is accepted when Atlassian reports it; one in use though unknown is too.
	if _, err := Read(context.Background(), demoAdmin(), Query{Product: "trello"}, now); err != nil {
		t.Errorf("a known product: %v", err)
	}
	api := demoAdmin()
	api.users["d1"][0].ProductAccess = append(api.users["d1"][0].ProductAccess, adminapi.ProductAccess{Key: "rovo", ID: "r"})
	if _, err := Read(context.Background(), api, Query{Product: "rovo"}, now); err != nil {
		t.Errorf("a product in use: %v", err)
	}
}

func TestReadRefusesBadThresholds(t *testing.T) {
	api := demoAdmin()
	if _, err := Read(context.Background(), api, Query{Product: "confluence", Thresholds: Thresholds{InactiveForDays: -3}}, now); !errors.Is(err, ErrThresholdRange) {
		t.Errorf("got %v", err)
	}
	if len(api.searches) != 0 {
		t.Error("read the API for a query that could not be answered")
	}
}

// Every failure fails the read, and names the credential or the organization when it is one of them.
func TestReadFailures(t *testing.T) {
	apiErr := func(status int) error { return &httpx.APIError{Status: status, Method: "POST", Path: "/admin/..."} }
	for _, c := range []struct {
		name  string
		setup func(*fakeAdmin)
		check func(error) bool
	}{
		{"wrong key", func(f *fakeAdmin) { f.dirErr = apiErr(401) },
			func(err error) bool { var e *CredentialError; return errors.As(err, &e) && e.Status == 401 }},
		{"unknown organization answered 404", func(f *fakeAdmin) { f.org, f.dirErr = "org-2", apiErr(404) },
			func(err error) bool {
				var e *UnknownOrgError
				return errors.As(err, &e) && strings.Contains(err.Error(), "org-1 (One)")
			}},
		{"unknown organization answered 403", func(f *fakeAdmin) { f.org, f.dirErr = "org-2", apiErr(403) },
			func(err error) bool { var e *UnknownOrgError; return errors.As(err, &e) }},
		{"key without the scope", func(f *fakeAdmin) { f.searchErr = apiErr(403) },
			func(err error) bool {
				var e *CredentialError
				return errors.As(err, &e) && e.Status == 403 && strings.Contains(err.Error(), "read:users:admin")
			}},
		{"rate limited until retries ran out", func(f *fakeAdmin) { f.searchErr = apiErr(429) },
			func(err error) bool {
				return httpx.IsStatus(err, 429) && strings.Contains(err.Error(), "directory Main")
			}},
		{"listing the organizations fails too", func(f *fakeAdmin) { f.dirErr, f.orgsErr = apiErr(404), apiErr(503) },
			func(err error) bool {
				return httpx.IsStatus(err, 404) && strings.Contains(err.Error(), "503 Service Unavailable")
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			api := demoAdmin()
			c.setup(api)
			users, err := Read(context.Background(), api, Query{Product: "confluence"}, time.Now())
			if users != nil || !c.check(err) {
				t.Errorf("got %d users and %v", len(users), err)
			}
		})
	}
}
