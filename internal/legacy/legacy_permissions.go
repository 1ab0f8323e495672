package legacy

import (
	"sort"
	"strconv"
	"strings"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

const (
	permissionsPath  = "/permissions"
	defaultAdminPath = permissionsPath + "/defaultSpaceAdmin"
	userSchemesPath  = permissionsPath + "/userSchemes"
	groupSchemesPath = permissionsPath + "/groupSchemes"
)

// legacyOperations maps the deprecated app's scheme keys to operations, in the app's order.
var legacyOperations = []struct{ key, operation string }{
	{"createGroup", csumdoc.OpCreateGroup},
	{"deleteGroup", csumdoc.OpDeleteGroup},
	{"renameGroup", csumdoc.OpRenameGroup},
	{"addUsers", csumdoc.OpAddMembers},
	{"removeUsers", csumdoc.OpRemoveMembers},
	{"editSpacePermissions", csumdoc.OpManageSpacePermissions},
}

// readLegacyPermissions maps the permissions object (absent when present is false) to the schemes document.
func readLegacyPermissions(v any, present bool, warn warnFunc) (csumdoc.PermissionSchemes, *Error) {
	schemes := csumdoc.DefaultPermissionSchemes()
	if !present {
		warn(permissionsPath, "missing; the default scheme %s is used, with no user or group schemes", defaultSchemeText())
		return schemes, nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return schemes, failAt(permissionsPath, "must be an object, not %s", describe(v))
	}
	warnUnknownKeys(obj, permissionsPath, warn, "defaultSpaceAdmin", "userSchemes", "groupSchemes")
	if def, found := obj["defaultSpaceAdmin"]; found {
		ops, err := readScheme(def, defaultAdminPath, warn)
		if err != nil {
			return schemes, err
		}
		schemes.Default = ops
	} else {
		warn(defaultAdminPath, "missing; the default scheme %s is used", defaultSchemeText())
	}
	users, err := readSchemeMap(obj, "userSchemes", userSchemesPath, warn)
	if err != nil {
		return schemes, err
	}
	for _, s := range users {
		schemes.Users = append(schemes.Users, csumdoc.UserScheme{AccountID: s.id, Operations: s.operations})
	}
	groups, err := readSchemeMap(obj, "groupSchemes", groupSchemesPath, warn)
	if err != nil {
		return schemes, err
	}
	for _, s := range groups {
		schemes.Groups = append(schemes.Groups, csumdoc.GroupScheme{GroupID: s.id, Operations: s.operations})
	}
	return schemes, nil
}

type keyedScheme struct {
	id         string
	operations []string
}

// readSchemeMap reads userSchemes or groupSchemes, objects of schemes keyed by account or group ID, in key
// order. A scheme that grants nothing is dropped, since schemes only grant.
func readSchemeMap(permissions map[string]any, key, path string, warn warnFunc) ([]keyedScheme, *Error) {
	v, found := permissions[key]
	if !found {
		return nil, nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, failAt(path, "must be an object of schemes keyed by ID, not %s", describe(v))
	}
	ids := make([]string, 0, len(obj))
	for id := range obj {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	schemes := make([]keyedScheme, 0, len(ids))
	for _, id := range ids {
		schemePath := pointerJoin(path, id)
		ops, err := readScheme(obj[id], schemePath, warn)
		if err != nil {
			return nil, err
		}
		if len(ops) == 0 {
			warn(schemePath, "grants no operation, so it was dropped")
			continue
		}
		schemes = append(schemes, keyedScheme{id: id, operations: ops})
	}
	return schemes, nil
}

// readScheme reads an object of booleans keyed by legacy operation; missing keys mean false.
func readScheme(v any, path string, warn warnFunc) ([]string, *Error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, failAt(path, "must be an object of booleans keyed by operation (createGroup, deleteGroup, renameGroup, addUsers, removeUsers, editSpacePermissions), not %s", describe(v))
	}
	ops := []string{}
	known := make([]string, 0, len(legacyOperations))
	for _, lo := range legacyOperations {
		known = append(known, lo.key)
		value, found := obj[lo.key]
		if !found {
			continue
		}
		granted, ok := toBool(value)
		if !ok {
			return nil, failAt(pointerJoin(path, lo.key), "must be a boolean (true/false, yes/no or on/off), not %s", describe(value))
		}
		if granted {
			ops = append(ops, lo.operation)
		}
	}
	warnUnknownKeys(obj, path, warn, known...)
	return ops, nil
}

// legacySchemePath is the place in the legacy permissions object that a schemes document path came from.
func legacySchemePath(current string, schemes csumdoc.PermissionSchemes) string {
	segments := csumdoc.SplitPointer(current)
	if len(segments) == 0 {
		return permissionsPath
	}
	var index = -1
	if len(segments) > 1 {
		if i, err := strconv.Atoi(segments[1]); err == nil {
			index = i
		}
	}
	switch {
	case segments[0] == "default":
		return defaultAdminPath
	case segments[0] == "users" && index >= 0 && index < len(schemes.Users):
		return pointerJoin(userSchemesPath, schemes.Users[index].AccountID)
	case segments[0] == "users":
		return userSchemesPath
	case segments[0] == "groups" && index >= 0 && index < len(schemes.Groups):
		return pointerJoin(groupSchemesPath, schemes.Groups[index].GroupID)
	case segments[0] == "groups":
		return groupSchemesPath
	}
	return permissionsPath
}

func defaultSchemeText() string {
	return "(" + strings.Join(csumdoc.DefaultOperations(), ", ") + ")"
}
