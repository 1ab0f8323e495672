package orgusers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/adminapi"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

// Admin is what reading the organization's users needs of the Admin API.
type Admin interface {
	OrgID() string
	Orgs(ctx context.Context) ([]adminapi.Org, error)
	Directories(ctx context.Context) ([]adminapi.Directory, error)
	SearchUsers(ctx context.Context, directoryID string, q adminapi.UserQuery) ([]adminapi.User, error)
}

// Statuses are the user statuses of the Admin API, composed of the account's and the membership's.
var Statuses = []string{"active", "suspended", "not_invited", "deactivated", "for_deletion"}

// KnownProducts are product keys the Admin API reports (Atlassian adds products, so a key in use by any user
// of the organization is accepted too).
var KnownProducts = []string{"atlas", "bitbucket", "compass", "confluence", "jira-admin", "jira-core",
	"jira-product-discovery", "jira-servicedesk", "jira-software", "jira-work-management", "loom", "opsgenie",
	"statuspage", "townsquare", "trello"}

// Query says which users to read and how to measure them.
type Query struct {
	Product string // whose last activity counts, e.g. "confluence"
	Thresholds
	// Statuses keeps users with one of these statuses; empty keeps all.
	Statuses []string
	// Protected are the accounts left out (with why), unless IncludeProtected.
	Protected        map[string]string
	IncludeProtected bool
}

// User is one user of the organization, measured against the query.
type User struct {
	AccountID  string
	Name       string
	Email      string // "" when the API does not show it
	Status     string
	LastActive time.Time // the latest activity in the query's product; zero for never
	Inactivity Inactivity
	// ProductAccess is every product instance the user may use, sorted by key and ID.
	ProductAccess []adminapi.ProductAccess
}

// Read reads every user of the organization's directories and keeps those the query asks for: of the
// statuses asked, not protected (unless asked), and with inactive_for_days, only the overdue ones. It reads
// the directories (one request) and then each directory's users in pages, and merges a user found in several
// directories. Any failure fails the whole read: a partial list would make users missing from it look like
// users to keep.
func Read(ctx context.Context, api Admin, q Query, now time.Time) ([]User, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	dirs, err := api.Directories(ctx)
	if err != nil {
		return nil, diagnose(ctx, api, fmt.Errorf("listing the organization's directories: %w", err))
	}
	byID := map[string]*adminapi.User{}
	var order []string
	for _, d := range dirs {
		users, err := api.SearchUsers(ctx, d.ID, adminapi.UserQuery{Statuses: q.Statuses})
		if err != nil {
			return nil, diagnose(ctx, api, fmt.Errorf("reading the users of directory %s (%s): %w", d.Name, d.ID, err))
		}
		for i := range users {
			u := &users[i]
			if seen, ok := byID[u.AccountID]; ok {
				seen.ProductAccess = mergeAccess(seen.ProductAccess, u.ProductAccess)
				continue
			}
			byID[u.AccountID] = u
			order = append(order, u.AccountID)
		}
	}
	if err := checkProduct(q.Product, byID); err != nil {
		return nil, err
	}
	sort.Strings(order)
	out := make([]User, 0, len(order))
	for _, id := range order {
		u := byID[id]
		if len(q.Statuses) > 0 && !slices.Contains(q.Statuses, u.Status) {
			continue // the API filtered already; this keeps the result right if it did not
		}
		if _, protected := q.Protected[id]; protected && !q.IncludeProtected {
			continue
		}
		last := lastActive(u.ProductAccess, q.Product)
		inactivity := q.Classify(last, now)
		if q.InactiveForDays > 0 && inactivity != Overdue {
			continue
		}
		out = append(out, User{AccountID: id, Name: u.Name, Email: u.Email, Status: u.Status, LastActive: last,
			Inactivity: inactivity, ProductAccess: sortedAccess(u.ProductAccess)})
	}
	return out, nil
}

// mergeAccess adds the product instances of b to a, keeping the latest activity of an instance in both.
func mergeAccess(a, b []adminapi.ProductAccess) []adminapi.ProductAccess {
	for _, p := range b {
		i := slices.IndexFunc(a, func(q adminapi.ProductAccess) bool { return q.Key == p.Key && q.ID == p.ID })
		switch {
		case i < 0:
			a = append(a, p)
		case p.LastActive.After(a[i].LastActive):
			a[i].LastActive = p.LastActive
		}
	}
	return a
}

// lastActive is the latest activity in any instance of the product; zero when the user never used it, or
// has no access to it.
func lastActive(access []adminapi.ProductAccess, product string) time.Time {
	var last time.Time
	for _, p := range access {
		if p.Key == product && p.LastActive.After(last) {
			last = p.LastActive
		}
	}
	return last
}

func sortedAccess(access []adminapi.ProductAccess) []adminapi.ProductAccess {
	slices.SortFunc(access, func(a, b adminapi.ProductAccess) int {
		if c := strings.Compare(a.Key, b.Key); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return access
}

// UnknownProductError is a product that neither the list of known products nor any user of the
// organization has: most likely a typo, which would make every user look never active.
type UnknownProductError struct {
	Product string
	InUse   []string // the products the organization's users have, sorted
}

func (e *UnknownProductError) Error() string {
	inUse := "none"
	if len(e.InUse) > 0 {
		inUse = strings.Join(e.InUse, ", ")
	}
	return fmt.Sprintf("no user of the organization has access to a product %q, and it is not a product key the Admin API "+
		"is known to report; counting it would make every user look never active. Products in use: %s", e.Product, inUse)
}

func checkProduct(product string, users map[string]*adminapi.User) error {
	if slices.Contains(KnownProducts, product) {
		return nil
	}
	inUse := map[string]bool{}
	for _, u := range users {
		for _, p := range u.ProductAccess {
			if p.Key == product {
				return nil
			}
			inUse[p.Key] = true
		}
	}
	keys := make([]string, 0, len(inUse))
	for k := range inUse {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return &UnknownProductError{Product: product, InUse: keys}
}

// CredentialError is an API key the Admin API refused: unknown or missing (401), or without the right to
// read the organization's directories or users (403: not an admin of the organization, or created with
// scopes that lack the ones these reads need).
type CredentialError struct {
	Status int
	Err    error
}

func (e *CredentialError) Error() string {
	if e.Status == http.StatusUnauthorized {
		return "the Admin API does not accept the organization API key: it is wrong, expired or revoked, " +
			"or it is not an organization API key (a site API token is a different credential): " + e.Err.Error()
	}
	return "the organization API key may not read the organization's users: it must belong to an " +
		"organization admin and, if it was created with scopes, include the read scopes of directories and users " +
		"(read:directories:admin, read:users:admin); a key without scopes works: " + e.Err.Error()
}

func (e *CredentialError) Unwrap() error { return e.Err }

// UnknownOrgError is an organization ID the API key does not see.
type UnknownOrgError struct {
	OrgID   string
	Visible []adminapi.Org
}

func (e *UnknownOrgError) Error() string {
	visible := make([]string, 0, len(e.Visible))
	for _, o := range e.Visible {
		visible = append(visible, fmt.Sprintf("%s (%s)", o.ID, o.Name))
	}
	if len(visible) == 0 {
		return fmt.Sprintf("the organization API key sees no organization %q, and no organization at all", e.OrgID)
	}
	return fmt.Sprintf("the organization API key sees no organization %q; it sees %s", e.OrgID, strings.Join(visible, ", "))
}

// diagnose names the credential or the organization behind an authorisation failure: a 401 is the key; a
// 403 or 404 is an organization the key does not see (told apart by listing the organizations the key
// belongs to, which Cloud may answer either way) or a key without the right. Other errors pass unchanged.
func diagnose(ctx context.Context, api Admin, err error) error {
	switch {
	case httpx.IsStatus(err, http.StatusUnauthorized):
		return &CredentialError{Status: http.StatusUnauthorized, Err: err}
	case !httpx.IsStatus(err, http.StatusForbidden) && !httpx.IsStatus(err, http.StatusNotFound):
		return err
	}
	orgs, listErr := api.Orgs(ctx)
	if listErr != nil {
		return errors.Join(err, fmt.Errorf("listing the organizations of the key to tell why: %w", listErr))
	}
	if !slices.ContainsFunc(orgs, func(o adminapi.Org) bool { return o.ID == api.OrgID() }) {
		return &UnknownOrgError{OrgID: api.OrgID(), Visible: orgs}
	}
	if httpx.IsStatus(err, http.StatusForbidden) {
		return &CredentialError{Status: http.StatusForbidden, Err: err}
	}
	return err
}
