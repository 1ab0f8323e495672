package orgusers

import (
	"context"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/adminapi"
)

var now = time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)

func daysAgo(n int) time.Time { return now.Add(-time.Duration(n) * 24 * time.Hour) }

// fakeAdmin serves directories of users, and fails as told.
type fakeAdmin struct {
	org         string
	orgs        []adminapi.Org
	directories []adminapi.Directory
	users       map[string][]adminapi.User // by directory
	dirErr      error
	searchErr   error
	orgsErr     error
	searches    []adminapi.UserQuery
}

func (f *fakeAdmin) OrgID() string { return f.org }

func (f *fakeAdmin) Orgs(context.Context) ([]adminapi.Org, error) { return f.orgs, f.orgsErr }

func (f *fakeAdmin) Directories(context.Context) ([]adminapi.Directory, error) {
	return f.directories, f.dirErr
}

func (f *fakeAdmin) SearchUsers(_ context.Context, dir string, q adminapi.UserQuery) ([]adminapi.User, error) {
	f.searches = append(f.searches, q)
	if f.searchErr != nil {
		return nil, f.searchErr
	}
	// A copy, as each call decodes fresh users.
	return append([]adminapi.User(nil), f.users[dir]...), nil
}

func confluence(at time.Time) adminapi.ProductAccess {
	return adminapi.ProductAccess{Key: "confluence", ID: "site-1", LastActive: at}
}

func user(id, status string, access ...adminapi.ProductAccess) adminapi.User {
	return adminapi.User{AccountID: id, Name: "Name " + id, Email: id + "@example.com", Status: status, ProductAccess: access}
}

// demoAdmin is one directory: a active 2 days ago, b 70 days ago, c 120 days ago, d never (no entry), e never
// (an entry without a time), f suspended and 200 days ago.
func demoAdmin() *fakeAdmin {
	return &fakeAdmin{org: "org-1", orgs: []adminapi.Org{{ID: "org-1", Name: "One"}},
		directories: []adminapi.Directory{{ID: "d1", Name: "Main"}},
		users: map[string][]adminapi.User{"d1": {
			user("a", "active", confluence(daysAgo(2))),
			user("b", "active", confluence(daysAgo(70))),
			user("c", "active", confluence(daysAgo(120))),
			user("d", "active", adminapi.ProductAccess{Key: "jira-software", ID: "j", LastActive: daysAgo(1)}),
			user("e", "active", confluence(time.Time{})),
			user("f", "suspended", confluence(daysAgo(200))),
		}}}
}
