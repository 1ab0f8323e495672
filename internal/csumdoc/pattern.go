package csumdoc

import (
	"regexp"
	"strings"
)

// GroupName is the Confluence group name a space admin's name becomes in a space: the pattern applied with
// the space key, lower-cased, because Confluence keeps group names in lower case.
func (pt Pattern) GroupName(spaceKey, name string) string {
	return strings.ToLower(pt.prefixFor(spaceKey) + name + pt.suffixFor(spaceKey))
}

// Belongs reports whether a Confluence group name belongs to the space under this pattern. It only looks
// at the name: blocklisted groups and groups with a global permission are the caller's to exclude.
func (pt Pattern) Belongs(spaceKey, groupName string) bool {
	_, ok := pt.ShortName(spaceKey, groupName)
	return ok
}

// ShortName returns the part of a group name between the pattern's prefix and suffix, the name a space
// admin types, and whether the group belongs to the space at all.
func (pt Pattern) ShortName(spaceKey, groupName string) (string, bool) {
	name := strings.ToLower(groupName)
	prefix, suffix := strings.ToLower(pt.prefixFor(spaceKey)), strings.ToLower(pt.suffixFor(spaceKey))
	if len(name) <= len(prefix)+len(suffix) || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, suffix) {
		return "", false
	}
	return name[len(prefix) : len(name)-len(suffix)], true
}

func (pt Pattern) prefixFor(spaceKey string) string {
	return strings.Replace(pt.Prefix, SpaceKeyToken, spaceKey, 1)
}

func (pt Pattern) suffixFor(spaceKey string) string {
	return strings.Replace(pt.Suffix, SpaceKeyToken, spaceKey, 1)
}

// NameMatches reports whether a space admin's name matches the app's group name regex as a whole.
func NameMatches(expr, name string) (bool, error) {
	re, err := regexp.Compile(`^(?:` + expr + `)$`)
	if err != nil {
		return false, err
	}
	return re.MatchString(name), nil
}
