// Package admin is the sandbox's subset of the Atlassian organization Admin API (api.atlassian.com/admin):
// the organizations an API key sees, the organization's directories, and the v2 user search with its
// filters, cursor paging and the productAccess and groups expansions that carry each user's last activity
// per product. It authenticates organization API keys (Bearer, with or without scopes) and answers with the
// Admin API's error bodies. Account names, emails and group memberships are asked of a Directory every time,
// so that a change made in the sandbox's Confluence store shows here at once; the organization keeps what
// only it knows: its directories, products, each user's membership status and last activity.
package admin

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// DefaultAPIKey is the organization API key (without scopes) accepted when the seed names none.
const DefaultAPIKey = "sandbox-org-admin-key"

// Scopes a key created with scopes needs for each route. Unscoped keys may call every route. The scope of
// the users search is not documented in the sources the sandbox follows; see FIDELITY.md.
const (
	ScopeReadOrgs        = "read:orgs:admin"
	ScopeReadDirectories = "read:directories:admin"
	ScopeReadUsers       = "read:users:admin"
)

// Membership statuses of a user in the organization's directories.
const (
	MembershipActive    = "active"
	MembershipSuspended = "suspended"
	MembershipNone      = "no_membership"
)

// Account is an Atlassian account as the Admin API needs to see it.
type Account struct {
	Name, Email, AccountType string
	EmailHidden, Active      bool
}

// Group is one group an account belongs to.
type Group struct{ ID, Name string }

// Directory answers the Admin API's questions about accounts. Implementations must be safe for concurrent use.
type Directory interface {
	Account(accountID string) (Account, bool)
	GroupsOf(accountID string) []Group
}

// Seed is the `org` object of the sandbox seed file (SEED.md).
type Seed struct {
	ID          string          `json:"id"`
	Name        string          `json:"name"`
	APIKeys     []SeedKey       `json:"apiKeys,omitempty"`
	Directories []SeedDirectory `json:"directories"`
	Products    []SeedProduct   `json:"products,omitempty"`
	Users       []SeedUser      `json:"users,omitempty"`
}

// SeedKey is an organization API key; without scopes it may call every route.
type SeedKey struct {
	Key    string   `json:"key"`
	Scopes []string `json:"scopes,omitempty"`
}

// SeedDirectory is one directory of the organization.
type SeedDirectory struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SeedProduct is one product instance (a Confluence or Jira site) of the organization.
type SeedProduct struct {
	Key string `json:"key"`
	ID  string `json:"id"`
}

// SeedUser is an account of the organization: a user of the Directory with what only the organization knows.
type SeedUser struct {
	AccountID string `json:"accountId"`
	// Directories default to the first directory.
	Directories []string `json:"directories,omitempty"`
	// MembershipStatus is active (default), suspended or no_membership.
	MembershipStatus string `json:"membershipStatus,omitempty"`
	// ClaimStatus is unmanaged (default) or managed.
	ClaimStatus   string       `json:"claimStatus,omitempty"`
	ProductAccess []SeedAccess `json:"productAccess,omitempty"`
}

// SeedAccess is a user's access to one product instance and when the user last used it: at lastActive, or
// lastActiveDaysAgo days before the sandbox starts, or never when both are absent.
type SeedAccess struct {
	Key string `json:"key"`
	// ID picks the product instance when the organization has several of that key.
	ID                string     `json:"id,omitempty"`
	LastActive        *time.Time `json:"lastActive,omitempty"`
	LastActiveDaysAgo *int       `json:"lastActiveDaysAgo,omitempty"`
}

// Org is one organization and its Admin API. Safe for concurrent use.
type Org struct {
	dir Directory

	mu          sync.RWMutex
	id, name    string
	keys        []SeedKey
	directories []SeedDirectory
	products    []SeedProduct
	users       map[string]*member
	order       []string // account IDs, sorted: the search's default order and its cursor
}

// member is a user of the organization.
type member struct {
	directories []string
	membership  string
	claim       string
	access      []access
}

// access is one product instance a member may use; lastActive is zero when the member never used it.
type access struct {
	key, id    string
	lastActive time.Time
}

// New builds an organization from its seed, resolving relative last-active days against now. It checks the
// seed whole and reports every problem.
func New(dir Directory, seed Seed, now time.Time) (*Org, error) {
	o := &Org{dir: dir, id: seed.ID, name: seed.Name, keys: slices.Clone(seed.APIKeys),
		directories: slices.Clone(seed.Directories), products: slices.Clone(seed.Products), users: map[string]*member{}}
	if len(o.keys) == 0 {
		o.keys = []SeedKey{{Key: DefaultAPIKey}}
	}
	var problems []string
	problem := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if seed.ID == "" || strings.ContainsAny(seed.ID, "/?# ") {
		problem("id %q must be a non-empty ID without /, ?, # or spaces", seed.ID)
	}
	if len(seed.Directories) == 0 {
		problem("an organization needs at least one directory")
	}
	o.checkUnique(problem)
	for _, u := range seed.Users {
		m, err := o.member(u, now)
		if err != nil {
			problem("user %q: %v", u.AccountID, err)
			continue
		}
		if _, dup := o.users[u.AccountID]; dup {
			problem("user %q listed twice", u.AccountID)
			continue
		}
		o.users[u.AccountID] = m
		o.order = append(o.order, u.AccountID)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("org: %s", strings.Join(problems, "; "))
	}
	sort.Strings(o.order)
	return o, nil
}

func (o *Org) checkUnique(problem func(string, ...any)) {
	seen := map[string]bool{}
	for _, k := range o.keys {
		if k.Key == "" || seen["key/"+k.Key] {
			problem("API keys must be non-empty and distinct")
		}
		seen["key/"+k.Key] = true
	}
	for _, d := range o.directories {
		if d.ID == "" || d.ID == "-" || strings.ContainsAny(d.ID, "/?# ") || seen["dir/"+d.ID] {
			problem("directory %q: IDs must be distinct, not \"-\", without /, ?, # or spaces", d.ID)
		}
		seen["dir/"+d.ID] = true
	}
	for _, p := range o.products {
		if p.Key == "" || p.ID == "" || seen["product/"+p.Key+"/"+p.ID] {
			problem("product %q/%q: key and id are required, and each pair once", p.Key, p.ID)
		}
		seen["product/"+p.Key+"/"+p.ID] = true
	}
}

// member turns a seeded user into a member, checking it against the directory and the seed.
func (o *Org) member(u SeedUser, now time.Time) (*member, error) {
	if _, ok := o.dir.Account(u.AccountID); !ok {
		return nil, fmt.Errorf("no such account in the site's users")
	}
	m := &member{directories: u.Directories, membership: u.MembershipStatus, claim: u.ClaimStatus}
	if len(m.directories) == 0 && len(o.directories) > 0 {
		m.directories = []string{o.directories[0].ID}
	}
	for _, d := range m.directories {
		if !o.hasDirectory(d) {
			return nil, fmt.Errorf("no directory %q", d)
		}
	}
	switch m.membership {
	case "":
		m.membership = MembershipActive
	case MembershipActive, MembershipSuspended, MembershipNone:
	default:
		return nil, fmt.Errorf("membershipStatus %q is not active, suspended or no_membership", m.membership)
	}
	switch m.claim {
	case "":
		m.claim = "unmanaged"
	case "managed", "unmanaged":
	default:
		return nil, fmt.Errorf("claimStatus %q is not managed or unmanaged", m.claim)
	}
	for _, a := range u.ProductAccess {
		id, err := o.productID(a.Key, a.ID)
		if err != nil {
			return nil, err
		}
		entry := access{key: a.Key, id: id}
		switch {
		case a.LastActive != nil && a.LastActiveDaysAgo != nil:
			return nil, fmt.Errorf("product %s: lastActive and lastActiveDaysAgo exclude each other", a.Key)
		case a.LastActive != nil:
			entry.lastActive = a.LastActive.UTC()
		case a.LastActiveDaysAgo != nil:
			if *a.LastActiveDaysAgo < 0 {
				return nil, fmt.Errorf("product %s: lastActiveDaysAgo must not be negative", a.Key)
			}
			entry.lastActive = now.UTC().AddDate(0, 0, -*a.LastActiveDaysAgo).Truncate(time.Second)
		}
		m.access = append(m.access, entry)
	}
	return m, nil
}

func (o *Org) hasDirectory(id string) bool {
	return slices.ContainsFunc(o.directories, func(d SeedDirectory) bool { return d.ID == id })
}

// productID finds the product instance a seeded access names: by key alone when the organization has one
// instance of that product.
func (o *Org) productID(key, id string) (string, error) {
	var ids []string
	for _, p := range o.products {
		if p.Key == key && (id == "" || p.ID == id) {
			ids = append(ids, p.ID)
		}
	}
	switch {
	case len(ids) == 1:
		return ids[0], nil
	case len(ids) == 0:
		return "", fmt.Errorf("product %s %s is not one of the organization's products", key, id)
	default:
		return "", fmt.Errorf("product %s: the organization has several, so an id is needed", key)
	}
}

// Disabled is the Admin API of a sandbox seeded without an organization: it accepts no key, so every
// request answers 401.
func Disabled() *Org { return &Org{users: map[string]*member{}} }

// ID is the organization's ID (org_id).
func (o *Org) ID() string { return o.id }

// APIKey is the first API key of the organization (an unscoped one unless the seed says otherwise), or ""
// when it has none.
func (o *Org) APIKey() string {
	o.mu.RLock()
	defer o.mu.RUnlock()
	if len(o.keys) == 0 {
		return ""
	}
	return o.keys[0].Key
}

// Handler serves the Admin API with paths relative to its base path (e.g. /v1/orgs).
func (o *Org) Handler() http.Handler { return http.HandlerFunc(o.serve) }

// SetLastActive records when an account last used a product instance (zero: never), adding the access when
// the account had none to that product. It fails for an account or product the organization does not have.
func (o *Org) SetLastActive(accountID, productKey string, at time.Time) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	m, ok := o.users[accountID]
	if !ok {
		return fmt.Errorf("no user %q in the organization", accountID)
	}
	id, err := o.productID(productKey, "")
	if err != nil {
		return err
	}
	for i := range m.access {
		if m.access[i].key == productKey && m.access[i].id == id {
			m.access[i].lastActive = at.UTC()
			return nil
		}
	}
	m.access = append(m.access, access{key: productKey, id: id, lastActive: at.UTC()})
	return nil
}

// SetMembershipStatus suspends (suspended), restores (active) or removes (no_membership) an account's
// membership in the organization's directories.
func (o *Org) SetMembershipStatus(accountID, status string) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	m, ok := o.users[accountID]
	if !ok {
		return fmt.Errorf("no user %q in the organization", accountID)
	}
	switch status {
	case MembershipActive, MembershipSuspended, MembershipNone:
		m.membership = status
		return nil
	}
	return fmt.Errorf("membership status %q is not active, suspended or no_membership", status)
}

// Snapshot is the organization as a seed with every product ID and last-active time filled in, so that a
// state file restores it as it is now.
func (o *Org) Snapshot() Seed {
	o.mu.RLock()
	defer o.mu.RUnlock()
	s := Seed{ID: o.id, Name: o.name, APIKeys: slices.Clone(o.keys), Directories: slices.Clone(o.directories),
		Products: slices.Clone(o.products)}
	for _, id := range o.order {
		m := o.users[id]
		u := SeedUser{AccountID: id, Directories: slices.Clone(m.directories), MembershipStatus: m.membership,
			ClaimStatus: m.claim}
		for _, a := range m.access {
			sa := SeedAccess{Key: a.key, ID: a.id}
			if !a.lastActive.IsZero() {
				at := a.lastActive
				sa.LastActive = &at
			}
			u.ProductAccess = append(u.ProductAccess, sa)
		}
		s.Users = append(s.Users, u)
	}
	return s
}
