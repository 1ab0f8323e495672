package app

import (
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

// Reasons a reference is missing, as the import report names them.
const (
	reasonGroupNotFound = "GROUP_NOT_FOUND"
	reasonUserNotFound  = "USER_NOT_FOUND"
)

// missingRef is a document's reference to a group or account that the directory does not know.
type missingRef struct {
	csumdoc.Ref
	Reason string
}

// missingSettingsRefs lists the settings' group references that name no existing group. Blank IDs are
// left to the static rules, which already report them.
func (a *App) missingSettingsRefs(s csumdoc.Settings) []missingRef {
	return a.missingGroups(s.GroupIDRefs())
}

// missingSchemeRefs lists the schemes' account and group references that name nothing. A deactivated
// account still exists, so it may keep a scheme. Malformed account IDs are left to the static rules.
func (a *App) missingSchemeRefs(p csumdoc.PermissionSchemes) []missingRef {
	var missing []missingRef
	for _, ref := range p.AccountRefs() {
		if !csumdoc.ValidAccountID(ref.Value) {
			continue
		}
		if _, ok := a.dir.User(ref.Value); !ok {
			missing = append(missing, missingRef{Ref: ref, Reason: reasonUserNotFound})
		}
	}
	return append(missing, a.missingGroups(p.GroupIDRefs())...)
}

func (a *App) missingGroups(refs []csumdoc.Ref) []missingRef {
	var missing []missingRef
	for _, ref := range refs {
		if strings.TrimSpace(ref.Value) == "" {
			continue
		}
		if _, ok := a.dir.GroupByID(ref.Value); !ok {
			missing = append(missing, missingRef{Ref: ref, Reason: reasonGroupNotFound})
		}
	}
	return missing
}

func missingProblems(refs []missingRef) csumdoc.Problems {
	problems := make(csumdoc.Problems, 0, len(refs))
	for _, ref := range refs {
		message := "no group with id " + ref.Value
		if ref.Reason == reasonUserNotFound {
			message = "no user with account ID " + ref.Value
		}
		problems = append(problems, csumdoc.Problem{Path: ref.Path, Message: message})
	}
	return problems
}

// missingValues collects the values of missing references of one kind, for dropping them from a document.
func missingValues(refs []missingRef, reason string) map[string]bool {
	values := make(map[string]bool, len(refs))
	for _, ref := range refs {
		if ref.Reason == reason {
			values[ref.Value] = true
		}
	}
	return values
}

// withoutMissingGroups drops every unknown group from the settings, as a lenient import does.
func withoutMissingGroups(s csumdoc.Settings, missing map[string]bool) csumdoc.Settings {
	s.GroupSettings.GroupBlocklist = keep(s.GroupSettings.GroupBlocklist, func(id string) bool { return !missing[id] })
	s.UserSettings.AutoJoinGroupIDs = keep(s.UserSettings.AutoJoinGroupIDs, func(id string) bool { return !missing[id] })
	if id := s.UserSettings.UserGroupFilterGroupID; id != nil && missing[*id] {
		s.UserSettings.UserGroupFilterGroupID = nil
	}
	return s
}

// withoutMissingSubjects drops every scheme whose account or group is unknown.
func withoutMissingSubjects(p csumdoc.PermissionSchemes, missingUsers, missingGroups map[string]bool) csumdoc.PermissionSchemes {
	p.Users = keep(p.Users, func(u csumdoc.UserScheme) bool { return !missingUsers[u.AccountID] })
	p.Groups = keep(p.Groups, func(g csumdoc.GroupScheme) bool { return !missingGroups[g.GroupID] })
	return p
}

// keep returns a new slice of the items that pass, never sharing storage with items.
func keep[T any](items []T, pass func(T) bool) []T {
	out := make([]T, 0, len(items))
	for _, item := range items {
		if pass(item) {
			out = append(out, item)
		}
	}
	return out
}
