package app

import (
	"encoding/json"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// State is everything the app keeps, as JSON. The API keys are not part of it: they come from the seed.
type State struct {
	Settings                  csumdoc.Settings          `json:"settings"`
	SettingsRevision          int64                     `json:"settingsRevision"`
	PermissionSchemes         csumdoc.PermissionSchemes `json:"permissionSchemes"`
	PermissionSchemesRevision int64                     `json:"permissionSchemesRevision"`
	PrivilegedUser            string                    `json:"privilegedUser,omitempty"`
	LegacyCredentials         *LegacyCredentials        `json:"legacyCredentials,omitempty"`
	// Audit holds the audit trail oldest first; AuditSequence is the number of the last entry written.
	Audit         []AuditEntry `json:"audit"`
	AuditSequence int64        `json:"auditSequence"`
}

// LegacyCredentials records that pre-December-2025 email and API token credentials are still stored. The
// token itself is never kept.
type LegacyCredentials struct {
	Email string `json:"email"`
}

// Snapshot returns a deep copy of the app's state.
func (a *App) Snapshot() State {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return cloneJSON(a.state)
}

// Restore replaces the app's state with a deep copy of s. It does not call onChange.
func (a *App) Restore(s State) {
	s = cloneJSON(s)
	s.Settings = normalizeSettings(s.Settings)
	s.PermissionSchemes = normalizeSchemes(s.PermissionSchemes)
	if s.Audit == nil {
		s.Audit = []AuditEntry{}
	}
	a.mu.Lock()
	a.state = s
	a.mu.Unlock()
}

// cloneJSON deep-copies a JSON-serialisable value. Every value it is used on is made of plain data, so
// marshalling cannot fail.
func cloneJSON[T any](v T) T {
	b, err := json.Marshal(v)
	if err != nil {
		panic("app: cloning plain data: " + err.Error())
	}
	var out T
	if err := json.Unmarshal(b, &out); err != nil {
		panic("app: cloning plain data: " + err.Error())
	}
	return out
}

// normalizeSettings turns absent lists into empty ones, so that GET always answers [] and never null.
func normalizeSettings(s csumdoc.Settings) csumdoc.Settings {
	s.GroupSettings.GroupBlocklist = orEmpty(s.GroupSettings.GroupBlocklist)
	s.UserSettings.AutoJoinGroupIDs = orEmpty(s.UserSettings.AutoJoinGroupIDs)
	return s
}

// normalizeSchemes does the same for the permission schemes document.
func normalizeSchemes(p csumdoc.PermissionSchemes) csumdoc.PermissionSchemes {
	p.Default = orEmpty(p.Default)
	p.Users = orEmpty(p.Users)
	p.Groups = orEmpty(p.Groups)
	for i := range p.Users {
		p.Users[i].Operations = orEmpty(p.Users[i].Operations)
	}
	for i := range p.Groups {
		p.Groups[i].Operations = orEmpty(p.Groups[i].Operations)
	}
	return p
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
