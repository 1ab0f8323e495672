package confluence

// User is a Confluence user. Email is often empty: users choose who may see it.
type User struct {
	AccountID     string `json:"accountId"`
	AccountType   string `json:"accountType"` // atlassian, app (a bot), customer, or ""
	AccountStatus string `json:"accountStatus,omitempty"`
	Type          string `json:"type,omitempty"` // known, unknown, anonymous, user
	Email         string `json:"email,omitempty"`
	PublicName    string `json:"publicName,omitempty"`
	DisplayName   string `json:"displayName"`
}

// Group is a Confluence group. Its ID is stable; its name can be changed.
type Group struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Type      string `json:"type,omitempty"`
	UsageType string `json:"usageType,omitempty"`
	ManagedBy string `json:"managedBy,omitempty"` // EXTERNAL means synced from an identity provider
}

// Space is a Confluence space as v2 describes it. ID is the numeric id, kept as the string v2 sends.
type Space struct {
	ID     string `json:"id"`
	Key    string `json:"key"`
	Name   string `json:"name"`
	Type   string `json:"type"`
	Status string `json:"status"`
}

// Subject types of space permissions.
const (
	SubjectUser  = "user"
	SubjectGroup = "group"
)

// SpacePermission is one permission granted in a space: Subject may do Operation on Target
// (e.g. "read" on "space"). ID is what RemoveSpacePermission takes.
type SpacePermission struct {
	ID          int64
	SubjectType string // user, group, or role on sites using space roles
	SubjectID   string // account ID or group ID
	Operation   string
	Target      string
}
