package app

import (
	"net/http"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

const privilegedTarget = "/v1/privileged-user"

// Privileged user statuses and the permissions it needs.
const (
	statusNotConfigured    = "NOT_CONFIGURED"
	statusValid            = "VALID"
	statusLacksPermissions = "LACKS_PERMISSIONS"
	statusUserNotFound     = "USER_NOT_FOUND"

	permissionSiteAdmin = "SITE_ADMIN"
	permissionCanUse    = "CAN_USE"
)

type privilegedUserView struct {
	AccountID          *string         `json:"accountId"`
	DisplayName        *string         `json:"displayName"`
	Status             string          `json:"status"`
	MissingPermissions []string        `json:"missingPermissions"`
	ValidatedAt        *string         `json:"validatedAt"`
	LegacyCredentials  legacyCredsView `json:"legacyCredentials"`
}

// legacyCredsView tells whether old credentials are stored; it has no place for the token on purpose.
type legacyCredsView struct {
	Present bool    `json:"present"`
	Email   *string `json:"email"`
}

type privilegedUserRequest struct {
	AccountID string `json:"accountId"`
}

// assessment is what the directory says about an account as a privileged user.
type assessment struct {
	user    User
	found   bool
	status  string
	missing []string
}

// assess checks an account against what CSUM needs of its privileged user: it must exist, be active and
// hold SITE_ADMIN (group and membership changes) and CAN_USE (reading groups and members).
func (a *App) assess(accountID string) assessment {
	if accountID == "" {
		return assessment{status: statusNotConfigured, missing: []string{}}
	}
	u, found := a.dir.User(accountID)
	result := assessment{user: u, found: found, missing: []string{}}
	if !found || !u.Active {
		result.status = statusUserNotFound
		return result
	}
	if !u.SiteAdmin {
		result.missing = append(result.missing, permissionSiteAdmin)
	}
	if !u.CanUse {
		result.missing = append(result.missing, permissionCanUse)
	}
	result.status = statusValid
	if len(result.missing) > 0 {
		result.status = statusLacksPermissions
	}
	return result
}

// problems explains, one detail per reason, why an account cannot be the privileged user.
func (as assessment) problems(accountID string) csumdoc.Problems {
	var p csumdoc.Problems
	add := func(message string) { p = append(p, csumdoc.Problem{Path: "/accountId", Message: message}) }
	switch {
	case !as.found:
		add("account " + accountID + " does not exist")
	case !as.user.Active:
		add("account " + accountID + " is deactivated")
	}
	for _, perm := range as.missing {
		switch perm {
		case permissionSiteAdmin:
			add("lacks SITE_ADMIN, needed to search, create and delete groups and change their members")
		case permissionCanUse:
			add("lacks CAN_USE, needed to read groups and their members")
		}
	}
	return p
}

// privilegedView re-validates the stored account, as every GET must. The caller holds a lock.
func (a *App) privilegedView() privilegedUserView {
	id := a.state.PrivilegedUser
	as := a.assess(id)
	view := privilegedUserView{Status: as.status, MissingPermissions: as.missing}
	if id != "" {
		at := a.now().Format(time.RFC3339)
		view.AccountID, view.ValidatedAt = &id, &at
	}
	if as.found {
		name := as.user.DisplayName
		view.DisplayName = &name
	}
	if c := a.state.LegacyCredentials; c != nil {
		email := c.Email
		view.LegacyCredentials = legacyCredsView{Present: true, Email: &email}
	}
	return view
}

func (a *App) getPrivilegedUser(w http.ResponseWriter, _ *http.Request) {
	a.mu.RLock()
	view := a.privilegedView()
	a.mu.RUnlock()
	writeJSON(w, http.StatusOK, view)
}

// putPrivilegedUser stores an account only once it can serve; choosing one retires any legacy credentials.
func (a *App) putPrivilegedUser(w http.ResponseWriter, r *http.Request) {
	var req privilegedUserRequest
	if !decodeBody(w, r, &req, "privileged user document") {
		return
	}
	if !csumdoc.ValidAccountID(req.AccountID) {
		writeProblems(w, codeValidationFailed, "privileged user document", csumdoc.Problems{{
			Path: "/accountId", Message: "must be 1 to 128 characters of A-Z a-z 0-9 : -"}})
		return
	}
	var view privilegedUserView
	var problems csumdoc.Problems
	stored := a.write(func() bool {
		if as := a.assess(req.AccountID); as.status != statusValid {
			problems = as.problems(req.AccountID)
			return false
		}
		before := a.state.PrivilegedUser
		a.state.PrivilegedUser = req.AccountID
		a.audit(channelAPI, actionPrivilegedUserSet, privilegedTarget, describeAccountChange(before, req.AccountID))
		a.clearLegacyCredentials()
		view = a.privilegedView()
		return true
	})
	if !stored {
		writeProblems(w, codePrivilegedUserBad, "privileged user document", problems)
		return
	}
	writeJSON(w, http.StatusOK, view)
}

// deletePrivilegedUser clears the account and any legacy credentials; clearing nothing is still a success.
func (a *App) deletePrivilegedUser(w http.ResponseWriter, _ *http.Request) {
	a.write(func() bool {
		if before := a.state.PrivilegedUser; before != "" {
			a.state.PrivilegedUser = ""
			a.audit(channelAPI, actionPrivilegedUserCleared, privilegedTarget, describeAccountChange(before, ""))
		}
		a.clearLegacyCredentials()
		return true
	})
	w.WriteHeader(http.StatusNoContent)
}

// clearLegacyCredentials removes stored legacy credentials, auditing only a real removal. The caller holds
// the write lock.
func (a *App) clearLegacyCredentials() {
	if a.state.LegacyCredentials == nil {
		return
	}
	a.state.LegacyCredentials = nil
	a.audit(channelAPI, actionLegacyCredentialsCleared, privilegedTarget, "legacy email and API token removed")
}
