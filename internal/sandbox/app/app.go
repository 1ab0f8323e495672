// Package app is the sandbox's CSUM Admin API (api/csum-admin-v1.yaml): the app's own configuration store,
// served over HTTP with the contract's auth, revisions, validation and error envelope. Everything about
// Confluence objects (groups, users, spaces) is asked of a Directory, every time, so that a change made in the
// sandbox's Confluence store shows here at once.
package app

import (
	"net/http"
	"sync"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// Identity the app reports in /v1/status and in export files.
const (
	AppKey     = "csum-cloud"
	AppVersion = "5.2.0"
)

// DefaultAPIKey is the admin API key used when the seed names none.
const DefaultAPIKey = "sandbox-csum-admin-key"

// Group is a Confluence group as the app needs to see it.
type Group struct {
	ID, Name string
	// GlobalPermission is true when the group carries SITE_ADMIN or PRODUCT_ADMIN; such a group never
	// belongs to a space.
	GlobalPermission bool
}

// User is a Confluence account as the app needs to see it.
type User struct {
	AccountID, DisplayName, Email string
	Active, SiteAdmin, CanUse     bool
}

// Directory answers the app's questions about Confluence. Implementations must be safe for concurrent use.
type Directory interface {
	GroupByID(id string) (Group, bool)
	Groups() []Group // all groups, sorted by name
	User(accountID string) (User, bool)
	SpaceExists(key string) bool
}

// Seed is the `app` object of the sandbox seed file; every field is optional.
type Seed struct {
	APIKey            string                     `json:"apiKey"`
	Settings          *csumdoc.Settings          `json:"settings"`
	PermissionSchemes *csumdoc.PermissionSchemes `json:"permissionSchemes"`
	PrivilegedUser    string                     `json:"privilegedUser"` // account ID, stored unvalidated
	// LegacyCredentials are the pre-December-2025 email and API token. Left untagged so that a literal of
	// this anonymous type stays assignable; encoding/json matches "email" and "apiToken" case-insensitively.
	LegacyCredentials *struct{ Email, APIToken string } `json:"legacyCredentials"`
	// WriteRevokedKey is a second key that may read but whose writes get 403 FORBIDDEN.
	WriteRevokedKey string `json:"writeRevokedKey"`
}

// App is the CSUM app's configuration store and its Admin API. Safe for concurrent use.
type App struct {
	dir             Directory
	apiKey          string
	writeRevokedKey string
	onChange        func()
	now             func() time.Time

	mu    sync.RWMutex
	state State

	hooks writeHooks
}

// New builds the app from its seed. onChange (may be nil) is called after every successful write, outside
// the app's lock, so that the caller may persist a Snapshot.
func New(dir Directory, seed Seed, onChange func()) *App {
	a := &App{
		dir:             dir,
		apiKey:          seed.APIKey,
		writeRevokedKey: seed.WriteRevokedKey,
		onChange:        onChange,
		now:             func() time.Time { return time.Now().UTC() },
		state: State{
			Settings:                  csumdoc.DefaultSettings(),
			SettingsRevision:          1,
			PermissionSchemes:         csumdoc.DefaultPermissionSchemes(),
			PermissionSchemesRevision: 1,
			PrivilegedUser:            seed.PrivilegedUser,
			Audit:                     []AuditEntry{},
		},
	}
	if a.apiKey == "" {
		a.apiKey = DefaultAPIKey
	}
	if seed.Settings != nil {
		a.state.Settings = normalizeSettings(cloneJSON(*seed.Settings))
	}
	if seed.PermissionSchemes != nil {
		a.state.PermissionSchemes = normalizeSchemes(cloneJSON(*seed.PermissionSchemes))
	}
	if c := seed.LegacyCredentials; c != nil && (c.Email != "" || c.APIToken != "") {
		a.state.LegacyCredentials = &LegacyCredentials{Email: c.Email}
	}
	return a
}

// Handler serves the Admin API with paths relative to its base URL (e.g. /v1/settings).
func (a *App) Handler() http.Handler { return http.HandlerFunc(a.serve) }

// write runs change under the write lock and, when it reports success, calls onChange after unlocking.
func (a *App) write(change func() bool) bool {
	a.mu.Lock()
	ok := change()
	a.mu.Unlock()
	if ok && a.onChange != nil {
		a.onChange()
	}
	return ok
}

// Settings returns the current settings document and its revision.
func (a *App) Settings() (csumdoc.Settings, int64) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return cloneJSON(a.state.Settings), a.state.SettingsRevision
}

// SetSettings replaces the settings as the System Admin page would (no validation, channel UI) and returns
// the new revision.
func (a *App) SetSettings(s csumdoc.Settings) int64 {
	var rev int64
	a.write(func() bool {
		rev = settingsDoc.replace(a, cloneJSON(s), channelUI, settingsDoc.updatedAction)
		return true
	})
	return rev
}

// PermissionSchemes returns the current permission schemes and their revision.
func (a *App) PermissionSchemes() (csumdoc.PermissionSchemes, int64) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return cloneJSON(a.state.PermissionSchemes), a.state.PermissionSchemesRevision
}

// SetPermissionSchemes replaces the schemes as the System Admin page would (no validation, channel UI) and
// returns the new revision.
func (a *App) SetPermissionSchemes(p csumdoc.PermissionSchemes) int64 {
	var rev int64
	a.write(func() bool {
		rev = schemesDoc.replace(a, cloneJSON(p), channelUI, schemesDoc.updatedAction)
		return true
	})
	return rev
}

// SetPrivilegedUser stores an account ID without validating it, like a value saved long ago whose account
// has since changed. An empty ID clears it.
func (a *App) SetPrivilegedUser(accountID string) {
	a.write(func() bool {
		before := a.state.PrivilegedUser
		a.state.PrivilegedUser = accountID
		a.audit(channelUI, actionPrivilegedUserSet, privilegedTarget, describeAccountChange(before, accountID))
		return true
	})
}

// SetLegacyCredentials stores pre-December-2025 credentials as an old install would still hold them. Only
// their presence and email are kept: the token is dropped at once, since nothing may ever read it back.
// Two empty strings clear them.
func (a *App) SetLegacyCredentials(email, token string) {
	a.write(func() bool {
		if email == "" && token == "" {
			a.state.LegacyCredentials = nil
			a.audit(channelUI, actionLegacyCredentialsCleared, privilegedTarget, "legacy credentials removed")
			return true
		}
		a.state.LegacyCredentials = &LegacyCredentials{Email: email}
		a.audit(channelUI, actionLegacyCredentialsSet, privilegedTarget, "legacy email and API token stored")
		return true
	})
}
