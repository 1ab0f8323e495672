package csumapi

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
