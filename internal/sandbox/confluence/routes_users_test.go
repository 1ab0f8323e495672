package confluence_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

func TestUserRoutes(t *testing.T) {
	s := acctest.StartSandbox(t)
	alice := s.AccountID(t, "alice.anders@example.com")
	xena := s.AccountID(t, "xena.xu@example.com")
	tests := []struct {
		name   string
		path   string
		status int
		check  func(t *testing.T, body map[string]any)
	}{
		{"by account id", "/wiki/rest/api/user?accountId=" + url.QueryEscape(alice), 200, func(t *testing.T, b map[string]any) {
			if b["displayName"] != "Alice Anders" || b["email"] != "alice.anders@example.com" || b["accountType"] != "atlassian" ||
				b["accountStatus"] != "active" || b["type"] != "known" || b["externalCollaborator"] != false {
				t.Errorf("user = %v", b)
			}
			if _, leaked := b["apiToken"]; leaked {
				t.Error("API token served")
			}
		}},
		{"hidden email is empty", "/wiki/rest/api/user?accountId=" + url.QueryEscape(xena), 200, func(t *testing.T, b map[string]any) {
			if b["email"] != "" {
				t.Errorf("email = %v", b["email"])
			}
		}},
		{"unknown user", "/wiki/rest/api/user?accountId=557058:ghost", 404, nil},
		{"missing accountId", "/wiki/rest/api/user", 400, nil},
		{"bulk skips unknown ids", "/wiki/rest/api/user/bulk?accountId=" + url.QueryEscape(alice) + "&accountId=557058:ghost", 200,
			func(t *testing.T, b map[string]any) {
				if b["size"] != float64(1) {
					t.Errorf("bulk = %v", b)
				}
				if _, ok := b["results"].([]any)[0].(map[string]any)["externalCollaborator"]; ok {
					t.Error("a BulkUserLookup object has the User object's externalCollaborator")
				}
			}},
		{"bulk over 100", "/wiki/rest/api/user/bulk?" + strings.Repeat("accountId=x&", 101), 400, nil},
		{"bulk without ids", "/wiki/rest/api/user/bulk", 400, nil},
		{"memberof", "/wiki/rest/api/user/memberof?accountId=" + url.QueryEscape(alice), 200, func(t *testing.T, b map[string]any) {
			if got := names(b["results"]); !slices.Equal(got, []string{"all-staff", "confluence-users", "eng-leads", "eng-writers"}) {
				t.Errorf("memberof = %v", got)
			}
		}},
		{"memberof unknown", "/wiki/rest/api/user/memberof?accountId=557058:ghost", 404, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := s.Call(t, acctest.Viewer, "GET", tc.path, nil)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if tc.check != nil {
				tc.check(t, r.JSON(t))
			}
		})
	}
}

func TestUserSearchCQL(t *testing.T) {
	s := acctest.StartSandbox(t)
	alice := s.AccountID(t, "alice.anders@example.com")
	bob := s.AccountID(t, "bob.baker@example.com")
	dora := s.AccountID(t, "dora@example.com") // deactivated, so not in confluence-users: unlicensed
	tests := []struct {
		cql    string
		extra  string
		status int
		want   []string // display names; nil means "only check the count"
		count  int
	}{
		{cql: `user.fullname~"ali"`, status: 200, want: []string{"Alice Anders"}},
		{cql: `user.fullname~AND`, status: 200, want: []string{"Alice Anders"}}, // prefix of a later word, any case
		{cql: `user.fullname~"nders"`, status: 200, want: []string{}},           // not a prefix of any word
		{cql: `user="` + alice + `"`, status: 200, want: []string{"Alice Anders"}},
		{cql: `user.accountid="` + bob + `"`, status: 200, want: []string{"Bob Baker"}},
		{cql: `user IN ("` + alice + `", "` + bob + `")`, status: 200, want: []string{"Alice Anders", "Bob Baker"}},
		{cql: `type=user AND user.fullname~"b"`, status: 200, want: []string{"Bob Baker"}},
		{cql: `user.fullname~"ali" OR user.fullname~"bob"`, status: 200, want: []string{"Alice Anders", "Bob Baker"}},
		{cql: `type = user`, status: 200, count: 29},
		{cql: `type=user`, extra: "&sitePermissionTypeFilter=all", status: 200, count: 30},
		{cql: `user="` + dora + `"`, extra: "&sitePermissionTypeFilter=all", status: 200, want: []string{"Dora Departed"}},
		{cql: `user="` + dora + `"`, status: 200, want: []string{}},
		{cql: `type=page`, status: 400},
		{cql: `title~"x"`, status: 400},
		{cql: `user.fullname~`, status: 400},
		{cql: `user IN ("a"`, status: 400},
		{cql: `user.fullname~"unterminated`, status: 400},
		{cql: ``, status: 400},
		{cql: `type=user`, extra: "&sitePermissionTypeFilter=bogus", status: 400},
	}
	for _, tc := range tests {
		t.Run(tc.cql+tc.extra, func(t *testing.T) {
			r := s.Call(t, acctest.Viewer, "GET", "/wiki/rest/api/search/user?cql="+url.QueryEscape(tc.cql)+tc.extra, nil)
			if r.Status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.Status, tc.status, r.Body)
			}
			if r.Status != 200 {
				return
			}
			body := r.JSON(t)
			var got []string
			for _, res := range body["results"].([]any) {
				got = append(got, res.(map[string]any)["user"].(map[string]any)["displayName"].(string))
			}
			if tc.want != nil && !slices.Equal(got, tc.want) && (len(got) != 0 || len(tc.want) != 0) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if tc.want == nil && body["totalSize"] != float64(tc.count) {
				t.Errorf("totalSize %v, want %d", body["totalSize"], tc.count)
			}
		})
	}
	page := s.Call(t, acctest.Viewer, "GET", "/wiki/rest/api/search/user?cql=type%3Duser", nil).JSON(t)
	if page["limit"] != float64(25) || page["size"] != float64(25) || page["_links"].(map[string]any)["next"] == nil {
		t.Errorf("default search page = limit %v size %v links %v", page["limit"], page["size"], page["_links"])
	}
}
