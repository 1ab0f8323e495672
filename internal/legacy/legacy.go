package legacy

const privilegedUserPath = "/privilegedUser"

// readLegacy maps a format-1 file, its version already checked, to the current documents.
func readLegacy(root object) (*Result, *Error) {
	var ws warnings
	warn := ws.add
	warnUnknownKeys(root, "", warn, "exportVersion", "appKey", "exportedAt", "globalSettings", "permissions", "privilegedUser")

	globalSettings, found := root.get("globalSettings")
	settings, err := readLegacySettings(globalSettings, found, warn)
	if err != nil {
		return nil, err
	}
	permissions, found := root.get("permissions")
	schemes, err := readLegacyPermissions(permissions, found, warn)
	if err != nil {
		return nil, err
	}
	res := &Result{Format: 1, Settings: normaliseSettings(settings), PermissionSchemes: normaliseSchemes(schemes)}
	if privileged, found := root.get("privilegedUser"); found {
		if res.LegacyPrivilegedUserEmail, err = readPrivilegedUser(privileged, warn); err != nil {
			return nil, err
		}
	}
	warnBrokenRules(res.Settings, res.PermissionSchemes, legacySettingPath,
		func(p string) string { return legacySchemePath(p, res.PermissionSchemes) }, warn)
	res.Warnings = ws
	return res, nil
}

// readPrivilegedUser returns the legacy privileged user's email. The apiToken some early builds exported is
// never looked at beyond its presence: its value must not reach any output, log or error.
func readPrivilegedUser(v any, warn warnFunc) (string, *Error) {
	obj, ok := v.(object)
	if !ok {
		return "", failAt(privilegedUserPath, "must be an object")
	}
	warnUnknownKeys(obj, privilegedUserPath, warn, "email", "apiToken")
	if _, found := obj.get("apiToken"); found {
		warn(privilegedUserPath+"/apiToken", "the file holds an API token; it was ignored and is not kept anywhere. "+
			"Revoke that token in the Atlassian account's security settings and keep this file out of version control")
	}
	email, found := obj.get("email")
	if !found || email == nil {
		return "", nil
	}
	text, ok := email.(string)
	if !ok {
		return "", failAt(privilegedUserPath+"/email", "must be a string, not %s", describe(email))
	}
	if text != "" {
		warn(privilegedUserPath+"/email", "the privileged user %s is not migrated: API-token credentials stopped working on "+
			"8 December 2025. Find that person's account ID and choose it with the csum_privileged_user resource", text)
	}
	return text, nil
}
