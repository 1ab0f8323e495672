package legacy

import (
	"encoding/json"
	"strings"
	"sync"

	"github.com/csum-tools/terraform-provider-csum/internal/csumdoc"
)

const globalSettingsPath = "/globalSettings"

// settingRule carries one legacy globalSettings key over to the current settings document.
type settingRule struct {
	legacyKey string // "" when the deprecated app had no such setting
	current   string // JSON Pointer into csumdoc.Settings
	read      func(v any, path string, s *csumdoc.Settings, warn warnFunc) *Error
}

// settingRules is the globalSettings mapping table of FORMAT.md, in the current document's order.
var settingRules = []settingRule{
	{"groupPrefix", "/groupSettings/spaceGroupPattern/prefix", readPatternPart(func(s *csumdoc.Settings) *string { return &s.GroupSettings.SpaceGroupPattern.Prefix })},
	{"groupSuffix", "/groupSettings/spaceGroupPattern/suffix", readPatternPart(func(s *csumdoc.Settings) *string { return &s.GroupSettings.SpaceGroupPattern.Suffix })},
	{"groupNameAllowedCharacters", "/groupSettings/groupNameRegex", readString(func(s *csumdoc.Settings) *string { return &s.GroupSettings.GroupNameRegex })},
	{"spaceGroupActionsPermitted", "/groupSettings/allowSpaceGroupActions", readBool(func(s *csumdoc.Settings) *bool { return &s.GroupSettings.AllowSpaceGroupActions })},
	{"spaceGroupAddRemoveUsersPermitted", "/groupSettings/allowSpaceGroupMemberChanges", readBool(func(s *csumdoc.Settings) *bool { return &s.GroupSettings.AllowSpaceGroupMemberChanges })},
	{"maxUserIdsPerAction", "/groupSettings/maxUsersPerAction", readInt(func(s *csumdoc.Settings) *int64 { return &s.GroupSettings.MaxUsersPerAction })},
	{"maxGroupIdsPerAction", "/groupSettings/maxGroupsPerAction", readInt(func(s *csumdoc.Settings) *int64 { return &s.GroupSettings.MaxGroupsPerAction })},
	{"groupBlocklist", "/groupSettings/groupBlocklist", readIDList(func(s *csumdoc.Settings) *[]string { return &s.GroupSettings.GroupBlocklist })},
	{"allowRemoveCurrentUserFromGlobalPermissionGroup", "/groupSettings/allowRemoveSelfFromGlobalPermissionGroup", readBool(func(s *csumdoc.Settings) *bool { return &s.GroupSettings.AllowRemoveSelfFromGlobalPermissionGroup })},
	{"disabledUserVisibility", "/userSettings/disabledUserVisibility", readVisibility},
	{"userSearchEnabled", "/userSettings/userSearchEnabled", readBool(func(s *csumdoc.Settings) *bool { return &s.UserSettings.UserSearchEnabled })},
	{"personalSpaceAdministrationAllowed", "/userSettings/personalSpaceAdministrationAllowed", readBool(func(s *csumdoc.Settings) *bool { return &s.UserSettings.PersonalSpaceAdministrationAllowed })},
	{"autoJoinGroups", "/userSettings/autoJoinGroupIds", readIDList(func(s *csumdoc.Settings) *[]string { return &s.UserSettings.AutoJoinGroupIDs })},
	{"userGroupFilter", "/userSettings/userGroupFilterGroupId", readGroupFilter},
	{"showGroupInformation", "/generalSettings/showGroupInformation", readBool(func(s *csumdoc.Settings) *bool { return &s.GeneralSettings.ShowGroupInformation })},
	{"", "/generalSettings/auditRetentionDays", nil},
}

// readLegacySettings maps the globalSettings object (nil when the file has none) onto the current
// defaults, reporting every setting it had to default and every key it did not understand.
func readLegacySettings(v any, present bool, warn warnFunc) (csumdoc.Settings, *Error) {
	s := csumdoc.DefaultSettings()
	obj, isObject := v.(object)
	if present && !isObject {
		return s, failAt(globalSettingsPath, "must be an object, not %s", describe(v))
	}
	known := make([]string, 0, len(settingRules))
	for _, rule := range settingRules {
		field, dflt := dottedName(rule.current), defaultAt(rule.current)
		if rule.legacyKey == "" {
			warn(globalSettingsPath, "the deprecated app had no setting for %s; the default %s is used", field, dflt)
			continue
		}
		known = append(known, rule.legacyKey)
		path := pointerJoin(globalSettingsPath, rule.legacyKey)
		value, found := obj.get(rule.legacyKey)
		if !found {
			warn(path, "missing; %s takes its default %s", field, dflt)
			continue
		}
		if err := rule.read(value, path, &s, warn); err != nil {
			return s, err
		}
	}
	warnUnknownKeys(obj, globalSettingsPath, warn, known...)
	return s, nil
}

// legacySettingPath is the globalSettings key a settings document path came from.
func legacySettingPath(current string) string {
	for _, rule := range settingRules {
		if rule.legacyKey != "" && (current == rule.current || strings.HasPrefix(current, rule.current+"/")) {
			return pointerJoin(globalSettingsPath, rule.legacyKey)
		}
	}
	return globalSettingsPath
}

func readBool(field func(*csumdoc.Settings) *bool) func(any, string, *csumdoc.Settings, warnFunc) *Error {
	return func(v any, path string, s *csumdoc.Settings, _ warnFunc) *Error {
		b, ok := toBool(v)
		if !ok {
			return failAt(path, "must be a boolean (true/false, yes/no or on/off), not %s", describe(v))
		}
		*field(s) = b
		return nil
	}
}

func readInt(field func(*csumdoc.Settings) *int64) func(any, string, *csumdoc.Settings, warnFunc) *Error {
	return func(v any, path string, s *csumdoc.Settings, _ warnFunc) *Error {
		n, ok := toInt(v)
		if !ok {
			return failAt(path, "must be a whole number, not %s", describe(v))
		}
		*field(s) = n
		return nil
	}
}

func readString(field func(*csumdoc.Settings) *string) func(any, string, *csumdoc.Settings, warnFunc) *Error {
	return func(v any, path string, s *csumdoc.Settings, _ warnFunc) *Error {
		text, ok := v.(string)
		if !ok {
			return failAt(path, "must be a string, not %s", describe(v))
		}
		*field(s) = text
		return nil
	}
}

func readPatternPart(field func(*csumdoc.Settings) *string) func(any, string, *csumdoc.Settings, warnFunc) *Error {
	asString := readString(field)
	return func(v any, path string, s *csumdoc.Settings, warn warnFunc) *Error {
		if err := asString(v, path, s, warn); err != nil {
			return err
		}
		*field(s) = normalisePatternPart(*field(s))
		return nil
	}
}

func readIDList(field func(*csumdoc.Settings) *[]string) func(any, string, *csumdoc.Settings, warnFunc) *Error {
	return func(v any, path string, s *csumdoc.Settings, warn warnFunc) *Error {
		ids, err := toIDs(v, path, warn)
		if err != nil {
			return err
		}
		*field(s) = ids
		return nil
	}
}

// legacyVisibility maps the deprecated app's disabledUserVisibility values, compared in lower case.
var legacyVisibility = map[string]string{"showflagged": csumdoc.VisibilityFlag, "hide": csumdoc.VisibilityHide}

func readVisibility(v any, path string, s *csumdoc.Settings, _ warnFunc) *Error {
	text, _ := v.(string)
	visibility, ok := legacyVisibility[strings.ToLower(strings.TrimSpace(text))]
	if !ok {
		return failAt(path, "unknown value %s; the deprecated app wrote showFlagged or hide", describe(v))
	}
	s.UserSettings.DisabledUserVisibility = visibility
	return nil
}

func readGroupFilter(v any, path string, s *csumdoc.Settings, warn warnFunc) *Error {
	if v == nil {
		s.UserSettings.UserGroupFilterGroupID = nil
		return nil
	}
	obj, ok := v.(object)
	if !ok {
		return failAt(path, "must be a {\"groupId\", \"groupName\"} object or null, not %s", describe(v))
	}
	id, err := groupRef(obj, path, warn)
	if err != nil {
		return err
	}
	s.UserSettings.UserGroupFilterGroupID = &id
	return nil
}

// defaultsTree is csumdoc.DefaultSettings in its JSON form, so that warnings quote the real defaults.
var defaultsTree = sync.OnceValue(func() map[string]any {
	raw, _ := json.Marshal(csumdoc.DefaultSettings())
	var tree map[string]any
	_ = json.Unmarshal(raw, &tree)
	return tree
})

// defaultAt renders the default value at a settings document path as JSON.
func defaultAt(current string) string {
	var node any = defaultsTree()
	for _, segment := range csumdoc.SplitPointer(current) {
		obj, _ := node.(map[string]any)
		node = obj[segment]
	}
	raw, _ := json.Marshal(node)
	return string(raw)
}

func dottedName(current string) string { return strings.Join(csumdoc.SplitPointer(current), ".") }
