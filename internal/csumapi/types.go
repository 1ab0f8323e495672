package csumapi

// Status is what GET /v1/status reports.
type Status struct {
	App                       string `json:"app"`
	Version                   string `json:"version"`
	SiteURL                   string `json:"siteUrl"`
	SettingsRevision          int64  `json:"settingsRevision"`
	PermissionSchemesRevision int64  `json:"permissionSchemesRevision"`
}

// Import option values.
const (
	ImportReplaceSchemes = "replace"
	ImportKeepSchemes    = "keep"
	ImportStrict         = "strict"
	ImportLenient        = "lenient"
)

// ImportOptions are the query parameters of an import; empty values leave the app's defaults
// (replace, strict).
type ImportOptions struct {
	PermissionSchemes string // ImportReplaceSchemes or ImportKeepSchemes
	Mode              string // ImportStrict or ImportLenient
}

// ImportSkip is one reference a lenient import left out because its user or group does not exist.
type ImportSkip struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	Value  string `json:"value"`
}

// ImportResult is the answer to an import.
type ImportResult struct {
	SettingsRevision          int64        `json:"settingsRevision"`
	PermissionSchemesRevision int64        `json:"permissionSchemesRevision"`
	Applied                   []string     `json:"applied"`
	Skipped                   []ImportSkip `json:"skipped"`
	Warnings                  []string     `json:"warnings"`
}

// Privileged-user status values.
const (
	PrivilegedNotConfigured    = "NOT_CONFIGURED"
	PrivilegedValid            = "VALID"
	PrivilegedLacksPermissions = "LACKS_PERMISSIONS"
	PrivilegedUserNotFound     = "USER_NOT_FOUND"
)

// LegacyCredentials reports the email/API-token credentials older app versions stored; they no longer work.
type LegacyCredentials struct {
	Present bool    `json:"present"`
	Email   *string `json:"email"`
}

// PrivilegedUser is the account CSUM impersonates, re-validated by the app on every read.
type PrivilegedUser struct {
	AccountID          *string           `json:"accountId"` // nil when NOT_CONFIGURED
	DisplayName        *string           `json:"displayName"`
	Status             string            `json:"status"`
	MissingPermissions []string          `json:"missingPermissions"`
	ValidatedAt        *string           `json:"validatedAt"`
	LegacyCredentials  LegacyCredentials `json:"legacyCredentials"`
}

// SpaceGroup is one group that belongs to a space.
type SpaceGroup struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SpaceGroups lists the groups that belong to a space under the current space group pattern, by name.
type SpaceGroups struct {
	SpaceKey string       `json:"spaceKey"`
	Pattern  Pattern      `json:"pattern"`
	Results  []SpaceGroup `json:"results"`
}

// AuditEntry is one change recorded by the app.
type AuditEntry struct {
	ID      string `json:"id"`
	At      string `json:"at"`
	Actor   string `json:"actor"`
	Channel string `json:"channel"` // API or UI
	Action  string `json:"action"`
	Target  string `json:"target"`
	Summary string `json:"summary"`
}

// AuditPage is one page of the audit log, newest first; Next is empty on the last page.
type AuditPage struct {
	Results []AuditEntry `json:"results"`
	Next    string       `json:"next"`
}
