package soak

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/app"
)

// Kinds of change made outside Terraform.
const (
	outsideAddMember    = "add member"
	outsideRemoveMember = "remove member"
	outsideGrant        = "grant"
	outsideRevoke       = "revoke"
	outsideSetRole      = "set role"
	outsideRemoveRole   = "remove role"
	outsideSettings     = "settings"
	outsideSchemes      = "schemes"
	outsidePrivileged   = "privileged user"
	outsideClearPriv    = "clear privileged user"
	outsideDeleteGroup  = "delete group"
)

// outsideChange is one change a person makes in Confluence or on the app's admin page while Terraform is
// not looking. The soak makes it through the sandbox's APIs with the site admin's credentials, so that it
// is journaled and seen exactly as Terraform's own requests see the site.
type outsideChange struct {
	Kind                string
	Space, Group        string
	Account, Pair, Role string
	// User, when set, makes a role change about that account instead of Group.
	User               string
	AuditRetentionDays int64
	DefaultOperations  []string
}

// principal is the role principal the change is about, in the model's terms.
func (o outsideChange) principal() string {
	if o.User != "" {
		return "USER:" + o.User
	}
	return "GROUP:" + o.Group
}

func (o outsideChange) String() string {
	switch o.Kind {
	case outsideAddMember, outsideRemoveMember:
		return fmt.Sprintf("%s %s in %s", o.Kind, o.Account, o.Group)
	case outsideGrant, outsideRevoke:
		return fmt.Sprintf("%s %s to %s in %s", o.Kind, o.Pair, o.Group, o.Space)
	case outsideSetRole, outsideRemoveRole:
		return fmt.Sprintf("%s %s of %s in %s", o.Kind, o.Role, o.principal(), o.Space)
	case outsideSettings:
		return fmt.Sprintf("settings: audit retention %d days", o.AuditRetentionDays)
	case outsideSchemes:
		return fmt.Sprintf("schemes: default operations %v", o.DefaultOperations)
	case outsidePrivileged:
		return "privileged user " + o.Account
	case outsideDeleteGroup:
		return "delete group " + o.Group
	}
	return o.Kind
}

// applyTo makes the change in the model, as the site must then hold it.
func (o outsideChange) applyTo(f facts) {
	switch o.Kind {
	case outsideAddMember:
		f["member "+o.Group+" "+o.Account] = "member"
	case outsideRemoveMember:
		delete(f, "member "+o.Group+" "+o.Account)
	case outsideGrant:
		f["permission "+o.Space+" group:"+o.Group+" "+o.Pair] = "granted"
	case outsideRevoke:
		prefix := "permission " + o.Space + " group:" + o.Group + " "
		for k := range f {
			// Revoking read/space takes every other permission of the group in the space with it.
			if k == prefix+o.Pair || (o.Pair == "read/space" && strings.HasPrefix(k, prefix)) {
				delete(f, k)
			}
		}
	case outsideSetRole:
		f["role "+o.Space+" "+o.principal()] = o.Role
		// A role replaces the principal's individual permissions in the space, as Confluence does.
		subject := "group:" + o.Group
		if o.User != "" {
			subject = "user:" + o.User
		}
		prefix := "permission " + o.Space + " " + subject + " "
		for k := range f {
			if strings.HasPrefix(k, prefix) {
				delete(f, k)
			}
		}
	case outsideRemoveRole:
		delete(f, "role "+o.Space+" "+o.principal())
	case outsideSettings:
		f[app.SettingsFacts+"generalSettings.auditRetentionDays"] = fmt.Sprint(o.AuditRetentionDays)
	case outsideSchemes:
		f[app.SchemesFacts+"default"] = canonicalJSON(mustJSON(o.DefaultOperations))
	case outsidePrivileged:
		f["app privileged user"] = o.Account
		delete(f, "app legacy credentials")
	case outsideClearPriv:
		delete(f, "app privileged user")
	case outsideDeleteGroup:
		f.deleteGroup(o.Group)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain data is encoded
	}
	return string(b)
}

// admin makes outside changes through the sandbox's HTTP APIs.
type admin struct {
	srv *sandbox.Server
	u   *universe
}

// make carries the change out; the sandbox must accept it.
func (a admin) make(o outsideChange) error {
	store := a.srv.Store()
	groupID := func() string {
		g, _ := store.GroupByName(o.Group)
		return g.ID
	}
	switch o.Kind {
	case outsideAddMember:
		return a.site("POST", "/wiki/rest/api/group/userByGroupId?groupId="+url.QueryEscape(groupID()), map[string]string{"accountId": o.Account})
	case outsideRemoveMember:
		q := url.Values{"groupId": {groupID()}, "accountId": {o.Account}}
		return a.site("DELETE", "/wiki/rest/api/group/userByGroupId?"+q.Encode(), nil)
	case outsideGrant:
		op, target, _ := strings.Cut(o.Pair, "/")
		return a.site("POST", "/wiki/rest/api/space/"+o.Space+"/permission", map[string]any{
			"subject": map[string]string{"type": "group", "identifier": groupID()}, "operation": map[string]string{"key": op, "target": target}})
	case outsideRevoke:
		id := groupID()
		for _, p := range store.SpacePermissions(o.Space) {
			if p.SubjectType == "group" && p.SubjectID == id && p.Pair() == o.Pair {
				return a.site("DELETE", fmt.Sprintf("/wiki/rest/api/space/%s/permission/%d", o.Space, p.ID), nil)
			}
		}
		return fmt.Errorf("%s holds no %s in %s", o.Group, o.Pair, o.Space)
	case outsideSetRole, outsideRemoveRole:
		space, _ := store.Space(o.Space)
		principal := map[string]string{"principalType": "GROUP", "principalId": groupID()}
		if o.User != "" {
			principal = map[string]string{"principalType": "USER", "principalId": o.User}
		}
		entry := map[string]any{"principal": principal}
		if o.Kind == outsideSetRole {
			entry["roleId"] = a.u.roles[o.Role]
		}
		return a.site("POST", fmt.Sprintf("/wiki/api/v2/spaces/%d/role-assignments", space.ID), []any{entry})
	case outsideSettings:
		doc, _ := a.srv.App().Settings()
		doc.GeneralSettings.AuditRetentionDays = o.AuditRetentionDays
		return a.app("PUT", "/v1/settings", doc)
	case outsideSchemes:
		doc, _ := a.srv.App().PermissionSchemes()
		doc.Default = o.DefaultOperations
		return a.app("PUT", "/v1/permission-schemes", doc)
	case outsidePrivileged:
		return a.app("PUT", "/v1/privileged-user", map[string]string{"accountId": o.Account})
	case outsideClearPriv:
		return a.app("DELETE", "/v1/privileged-user", nil)
	case outsideDeleteGroup:
		return a.site("DELETE", "/wiki/rest/api/group/by-id?id="+url.QueryEscape(groupID()), nil)
	}
	return fmt.Errorf("unknown outside change %q", o.Kind)
}

// site sends one request to Confluence as the site admin.
func (a admin) site(method, path string, body any) error {
	creds := a.srv.Credentials()
	return a.send(method, a.srv.URL()+path, body, func(r *http.Request) { r.SetBasicAuth(creds.Email, creds.APIToken) })
}

// app sends one request to the CSUM Admin API with the app's key.
func (a admin) app(method, path string, body any) error {
	return a.send(method, a.srv.AppURL()+path, body, func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+a.srv.AppAPIKey()) })
}

func (a admin) send(method, target string, body any, auth func(*http.Request)) error {
	var reader io.Reader
	if body != nil {
		reader = bytes.NewReader([]byte(mustJSON(body)))
	}
	req, err := http.NewRequest(method, target, reader)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	auth(req)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, target, err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %d %s", method, target, resp.StatusCode, answer)
	}
	return nil
}
