package csumdoc

// Space-admin operations that permission schemes grant.
const (
	OpCreateGroup            = "CREATE_GROUP"
	OpDeleteGroup            = "DELETE_GROUP"
	OpRenameGroup            = "RENAME_GROUP"
	OpAddMembers             = "ADD_MEMBERS"
	OpRemoveMembers          = "REMOVE_MEMBERS"
	OpManageSpacePermissions = "MANAGE_SPACE_PERMISSIONS"
)

// Operations lists every operation in the order the app shows them.
var Operations = []string{OpCreateGroup, OpDeleteGroup, OpRenameGroup, OpAddMembers, OpRemoveMembers, OpManageSpacePermissions}

// MaxSchemes is the limit on user schemes and on group schemes.
const MaxSchemes = 50

// UserScheme grants operations to one account.
type UserScheme struct {
	AccountID  string   `json:"accountId"`
	Operations []string `json:"operations"`
}

// GroupScheme grants operations to the members of one group.
type GroupScheme struct {
	GroupID    string   `json:"groupId"`
	Operations []string `json:"operations"`
}

// PermissionSchemes is the document served at /v1/permission-schemes.
type PermissionSchemes struct {
	Default []string      `json:"default"`
	Users   []UserScheme  `json:"users"`
	Groups  []GroupScheme `json:"groups"`
}

// DefaultOperations is the default scheme the app starts with and resets to.
func DefaultOperations() []string {
	return []string{OpCreateGroup, OpDeleteGroup, OpRenameGroup, OpAddMembers, OpRemoveMembers}
}

// DefaultPermissionSchemes returns the reset value of the schemes document.
func DefaultPermissionSchemes() PermissionSchemes {
	return PermissionSchemes{Default: DefaultOperations(), Users: []UserScheme{}, Groups: []GroupScheme{}}
}

// IsOperation reports whether op is one of the known operations.
func IsOperation(op string) bool {
	for _, o := range Operations {
		if o == op {
			return true
		}
	}
	return false
}

// AccountRefs lists every account ID the document refers to, with its JSON Pointer.
func (p PermissionSchemes) AccountRefs() []Ref {
	refs := make([]Ref, 0, len(p.Users))
	for i, u := range p.Users {
		refs = append(refs, Ref{Path: pointer("users", i, "accountId"), Value: u.AccountID})
	}
	return refs
}

// GroupIDRefs lists every group ID the document refers to, with its JSON Pointer.
func (p PermissionSchemes) GroupIDRefs() []Ref {
	refs := make([]Ref, 0, len(p.Groups))
	for i, g := range p.Groups {
		refs = append(refs, Ref{Path: pointer("groups", i, "groupId"), Value: g.GroupID})
	}
	return refs
}
