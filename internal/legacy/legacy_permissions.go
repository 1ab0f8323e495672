package legacy

import (
	"slices"
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
var legacyOperations = [...]struct{ key, operation string }{
	{"createGroup", csumdoc.OpCreateGroup},
	{"deleteGroup", csumdoc.OpDeleteGroup},
	{"renameGroup", csumdoc.OpRenameGroup},
	{"addUsers", csumdoc.OpAddMembers},
	{"removeUsers", csumdoc.OpRemoveMembers},
	{"editSpacePermissions", csumdoc.OpManageSpacePermissions},
}

// legacyOperationKeys are the keys of legacyOperations, the keys a scheme object may have.
var legacyOperationKeys = func() []string {
	keys := make([]string, len(legacyOperations))
	for i, lo := range legacyOperations {
		keys[i] = lo.key
	}
	return keys
}()

// readLegacyPermissions maps the permissions object (absent when present is false) to the schemes document.
func readLegacyPermissions(v any, present bool, warn warnFunc) (csumdoc.PermissionSchemes, *Error) {
	schemes := csumdoc.DefaultPermissionSchemes()
	if !present {
		warn(permissionsPath, "missing; the default scheme %s is used, with no user or group schemes", defaultSchemeText())
		return schemes, nil
	}
	obj, ok := v.(object)
	if !ok {
		return schemes, failAt(permissionsPath, "must be an object, not %s", describe(v))
	}
	warnUnknownKeys(obj, permissionsPath, warn, "defaultSpaceAdmin", "userSchemes", "groupSchemes")
	if def, found := obj.get("defaultSpaceAdmin"); found {
		ops, err := readScheme(def, func() string { return defaultAdminPath }, warn)
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
	schemes.Users = slices.Grow(schemes.Users, len(users))
	for _, s := range users {
		schemes.Users = append(schemes.Users, csumdoc.UserScheme{AccountID: s.id, Operations: s.operations})
	}
	groups, err := readSchemeMap(obj, "groupSchemes", groupSchemesPath, warn)
	if err != nil {
		return schemes, err
	}
	schemes.Groups = slices.Grow(schemes.Groups, len(groups))
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
func readSchemeMap(permissions object, key, path string, warn warnFunc) ([]keyedScheme, *Error) {
	v, found := permissions.get(key)
	if !found {
		return nil, nil
	}
	obj, ok := v.(object)
	if !ok {
		return nil, failAt(path, "must be an object of schemes keyed by ID, not %s", describe(v))
	}
	schemes := make([]keyedScheme, 0, len(obj))
	for _, m := range obj {
		// Built only for a warning or an error: most of the many schemes of a large file need none.
		schemePath := func() string { return pointerJoin(path, m.name) }
		ops, err := readScheme(m.value, schemePath, warn)
		if err != nil {
			return nil, err
		}
		if len(ops) == 0 {
			warn(schemePath(), "grants no operation, so it was dropped")
			continue
		}
		schemes = append(schemes, keyedScheme{id: m.name, operations: ops})
	}
	return schemes, nil
}

// readScheme reads an object of booleans keyed by legacy operation; missing keys mean false.
func readScheme(v any, path func() string, warn warnFunc) ([]string, *Error) {
	obj, ok := v.(object)
	if !ok {
		return nil, failAt(path(), "must be an object of booleans keyed by operation (createGroup, deleteGroup, renameGroup, addUsers, removeUsers, editSpacePermissions), not %s", describe(v))
	}
	// One pass over the members, then the operations in the app's order, which is also the order in which
	// a value of the wrong kind is reported.
	var values [len(legacyOperations)]any
	var present [len(legacyOperations)]bool
	unknown := false
	for _, m := range obj {
		if i := slices.Index(legacyOperationKeys, m.name); i >= 0 {
			values[i], present[i] = m.value, true
		} else {
			unknown = true
		}
	}
	ops := make([]string, 0, len(legacyOperations))
	for i, value := range values {
		if !present[i] {
			continue
		}
		granted, ok := toBool(value)
		if !ok {
			return nil, failAt(pointerJoin(path(), legacyOperations[i].key), "must be a boolean (true/false, yes/no or on/off), not %s", describe(value))
		}
		if granted {
			ops = append(ops, legacyOperations[i].operation)
		}
	}
	if unknown {
		warnUnknownKeysAt(obj, path, warn, legacyOperationKeys)
	}
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
