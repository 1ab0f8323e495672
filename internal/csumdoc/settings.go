// Package csumdoc holds the CSUM app's configuration documents (settings, permission schemes, export files)
// and the rules that need no lookup. The sandbox, the API client, the legacy reader and the provider's
// plan-time validation all share it, so a rule is written once.
package csumdoc

// SpaceKeyToken is the placeholder in the space group pattern that stands for the space key.
const SpaceKeyToken = "SPACEKEY"

// Pattern ties groups to a space: a group named prefix+name+suffix (SPACEKEY replaced, lower-cased) belongs
// to that space.
type Pattern struct {
	Prefix string `json:"prefix"`
	Suffix string `json:"suffix"`
}

// GroupSettings is the settings document's groupSettings object.
type GroupSettings struct {
	SpaceGroupPattern                        Pattern  `json:"spaceGroupPattern"`
	GroupNameRegex                           string   `json:"groupNameRegex"`
	AllowSpaceGroupActions                   bool     `json:"allowSpaceGroupActions"`
	AllowSpaceGroupMemberChanges             bool     `json:"allowSpaceGroupMemberChanges"`
	MaxUsersPerAction                        int64    `json:"maxUsersPerAction"`
	MaxGroupsPerAction                       int64    `json:"maxGroupsPerAction"`
	GroupBlocklist                           []string `json:"groupBlocklist"`
	AllowRemoveSelfFromGlobalPermissionGroup bool     `json:"allowRemoveSelfFromGlobalPermissionGroup"`
}

// UserSettings is the settings document's userSettings object.
type UserSettings struct {
	DisabledUserVisibility             string   `json:"disabledUserVisibility"`
	UserSearchEnabled                  bool     `json:"userSearchEnabled"`
	PersonalSpaceAdministrationAllowed bool     `json:"personalSpaceAdministrationAllowed"`
	AutoJoinGroupIDs                   []string `json:"autoJoinGroupIds"`
	UserGroupFilterGroupID             *string  `json:"userGroupFilterGroupId"`
}

// GeneralSettings is the settings document's generalSettings object.
type GeneralSettings struct {
	ShowGroupInformation bool  `json:"showGroupInformation"`
	AuditRetentionDays   int64 `json:"auditRetentionDays"`
}

// Settings is the whole document served at /v1/settings.
type Settings struct {
	GroupSettings   GroupSettings   `json:"groupSettings"`
	UserSettings    UserSettings    `json:"userSettings"`
	GeneralSettings GeneralSettings `json:"generalSettings"`
}

// Disabled-user visibility values.
const (
	VisibilityFlag = "FLAG"
	VisibilityHide = "HIDE"
)

// Limits from the API contract.
const (
	MaxPatternPartLen   = 64
	MaxRegexLen         = 256
	MinPerAction        = 1
	MaxPerAction        = 1000
	MaxBlocklist        = 200
	MaxAutoJoinGroups   = 50
	MinAuditRetention   = 1
	MaxAuditRetention   = 3650
	DefaultAuditDays    = 90
	DefaultGroupRegex   = ".*"
	DefaultMaxUsers     = 100
	DefaultMaxGroups    = 10
	DefaultPatternToken = SpaceKeyToken + "-"
)

// DefaultSettings returns the document the app starts with and resets to.
func DefaultSettings() Settings {
	return Settings{
		GroupSettings: GroupSettings{
			SpaceGroupPattern:            Pattern{Prefix: DefaultPatternToken, Suffix: ""},
			GroupNameRegex:               DefaultGroupRegex,
			AllowSpaceGroupActions:       true,
			AllowSpaceGroupMemberChanges: true,
			MaxUsersPerAction:            DefaultMaxUsers,
			MaxGroupsPerAction:           DefaultMaxGroups,
			GroupBlocklist:               []string{},
		},
		UserSettings: UserSettings{
			DisabledUserVisibility: VisibilityFlag,
			UserSearchEnabled:      true,
			AutoJoinGroupIDs:       []string{},
		},
		GeneralSettings: GeneralSettings{
			ShowGroupInformation: true,
			AuditRetentionDays:   DefaultAuditDays,
		},
	}
}

// GroupIDRefs lists every group ID the document refers to, with its JSON Pointer, so that a caller with a
// directory can check that each exists.
func (s Settings) GroupIDRefs() []Ref {
	var refs []Ref
	for i, id := range s.GroupSettings.GroupBlocklist {
		refs = append(refs, Ref{Path: pointer("groupSettings", "groupBlocklist", i), Value: id})
	}
	for i, id := range s.UserSettings.AutoJoinGroupIDs {
		refs = append(refs, Ref{Path: pointer("userSettings", "autoJoinGroupIds", i), Value: id})
	}
	if s.UserSettings.UserGroupFilterGroupID != nil {
		refs = append(refs, Ref{Path: "/userSettings/userGroupFilterGroupId", Value: *s.UserSettings.UserGroupFilterGroupID})
	}
	return refs
}

// Ref is a reference to a Confluence object (a group or an account) at a place in a document.
type Ref struct {
	Path  string
	Value string
}
