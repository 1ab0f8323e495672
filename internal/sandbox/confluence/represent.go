package confluence

import (
	"net/http"
	"net/url"
)

// groupJSON is the v1 Group object.
type groupJSON struct {
	Type        string            `json:"type"`
	Name        string            `json:"name"`
	ID          string            `json:"id"`
	UsageType   string            `json:"usageType"`
	ManagedBy   string            `json:"managedBy"`
	ResourceARI string            `json:"resourceAri"`
	Links       map[string]string `json:"_links"`
}

func renderGroup(r *http.Request, g Group) groupJSON {
	return groupJSON{Type: "group", Name: g.Name, ID: g.ID, UsageType: "USERBASE_GROUP", ManagedBy: "ADMINS",
		ResourceARI: "ari:cloud:identity::group/" + g.ID,
		Links:       map[string]string{"self": siteBase(r) + "/rest/api/group/by-id?id=" + url.QueryEscape(g.ID)}}
}

func renderGroups(r *http.Request, groups []Group) []groupJSON {
	out := make([]groupJSON, 0, len(groups))
	for _, g := range groups {
		out = append(out, renderGroup(r, g))
	}
	return out
}

type profilePicture struct {
	Path      string `json:"path"`
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	IsDefault bool   `json:"isDefault"`
}

// userJSON is the v1 User object. The API token is deliberately not part of it.
type userJSON struct {
	Type                   string            `json:"type"`
	AccountID              string            `json:"accountId"`
	AccountType            string            `json:"accountType"`
	Email                  string            `json:"email"`
	PublicName             string            `json:"publicName"`
	DisplayName            string            `json:"displayName"`
	TimeZone               *string           `json:"timeZone"`
	ProfilePicture         profilePicture    `json:"profilePicture"`
	IsExternalCollaborator bool              `json:"isExternalCollaborator"`
	ExternalCollaborator   *bool             `json:"externalCollaborator,omitempty"` // User only; see renderBulkUsers
	IsGuest                bool              `json:"isGuest"`
	AccountStatus          string            `json:"accountStatus"`
	Expandable             map[string]string `json:"_expandable"`
	Links                  map[string]string `json:"_links"`
}

func renderUser(r *http.Request, u User) userJSON {
	status := "active"
	if !u.Active {
		status = "inactive"
	}
	email := u.Email
	if u.EmailHidden {
		email = ""
	}
	return userJSON{Type: "known", AccountID: u.AccountID, AccountType: u.AccountType, Email: email,
		PublicName: u.DisplayName, DisplayName: u.DisplayName, ExternalCollaborator: new(false),
		ProfilePicture: profilePicture{Path: "/wiki/aa-avatar/default.png", Width: 48, Height: 48, IsDefault: true},
		AccountStatus:  status,
		Expandable:     map[string]string{"operations": "", "personalSpace": ""},
		Links:          map[string]string{"self": siteBase(r) + "/rest/api/user?accountId=" + url.QueryEscape(u.AccountID)}}
}

func renderUsers(r *http.Request, users []User) []userJSON {
	out := make([]userJSON, 0, len(users))
	for _, u := range users {
		out = append(out, renderUser(r, u))
	}
	return out
}

// renderBulkUsers renders the BulkUserLookup objects of /user/bulk: the User object without the deprecated
// externalCollaborator, which that schema, unlike User, does not have.
func renderBulkUsers(r *http.Request, users []User) []userJSON {
	out := renderUsers(r, users)
	for i := range out {
		out[i].ExternalCollaborator = nil
	}
	return out
}
