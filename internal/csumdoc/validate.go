package csumdoc

import (
	"regexp"
	"slices"
	"strings"
)

// ValidAccountID reports whether id has the form of an Atlassian account ID as the app accepts it: 1 to
// 128 characters of A-Z a-z 0-9 : -. A loop rather than a regular expression, because a large export
// checks tens of thousands of IDs.
func ValidAccountID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == ':', c == '-':
		default:
			return false
		}
	}
	return true
}

// Validate checks every rule of the settings document that needs no lookup. Whether referenced groups
// exist is the caller's business (see GroupIDRefs).
func (s Settings) Validate() Problems {
	var p Problems
	g := s.GroupSettings
	for _, msg := range PatternProblems(g.SpaceGroupPattern) {
		p.add("/groupSettings/spaceGroupPattern", "%s", msg)
	}
	if msg := RegexProblem(g.GroupNameRegex); msg != "" {
		p.add("/groupSettings/groupNameRegex", "%s", msg)
	}
	checkRange(&p, "/groupSettings/maxUsersPerAction", g.MaxUsersPerAction, MinPerAction, MaxPerAction)
	checkRange(&p, "/groupSettings/maxGroupsPerAction", g.MaxGroupsPerAction, MinPerAction, MaxPerAction)
	checkIDList(&p, "/groupSettings/groupBlocklist", g.GroupBlocklist, MaxBlocklist)

	u := s.UserSettings
	if u.DisabledUserVisibility != VisibilityFlag && u.DisabledUserVisibility != VisibilityHide {
		p.add("/userSettings/disabledUserVisibility", "must be FLAG or HIDE, not %q", u.DisabledUserVisibility)
	}
	checkIDList(&p, "/userSettings/autoJoinGroupIds", u.AutoJoinGroupIDs, MaxAutoJoinGroups)
	if u.UserGroupFilterGroupID != nil && strings.TrimSpace(*u.UserGroupFilterGroupID) == "" {
		p.add("/userSettings/userGroupFilterGroupId", "must be a group ID or null, not an empty string")
	}
	checkRange(&p, "/generalSettings/auditRetentionDays", s.GeneralSettings.AuditRetentionDays, MinAuditRetention, MaxAuditRetention)
	return p
}

// PatternProblems lists what is wrong with a space group pattern, or nothing.
func PatternProblems(pt Pattern) []string {
	var msgs []string
	if pt.Prefix == "" && pt.Suffix == "" {
		msgs = append(msgs, "prefix and suffix cannot both be empty")
	}
	if n := strings.Count(pt.Prefix, SpaceKeyToken) + strings.Count(pt.Suffix, SpaceKeyToken); n != 1 {
		msgs = append(msgs, "prefix or suffix must contain the SPACEKEY token exactly once across the two")
	}
	for _, part := range []struct{ name, value string }{{"prefix", pt.Prefix}, {"suffix", pt.Suffix}} {
		if len(part.value) > MaxPatternPartLen {
			msgs = append(msgs, part.name+" must be at most 64 characters")
		}
		if bad := badPatternChars(strings.ReplaceAll(part.value, SpaceKeyToken, "")); bad != "" {
			msgs = append(msgs, part.name+" may contain only a-z 0-9 - _ . besides the SPACEKEY token, not "+bad)
		}
	}
	return msgs
}

func badPatternChars(s string) string {
	var bad []string
	seen := map[rune]bool{}
	for _, r := range s {
		ok := (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' || r == '_' || r == '.'
		if !ok && !seen[r] {
			seen[r] = true
			bad = append(bad, "\""+string(r)+"\"")
		}
	}
	return strings.Join(bad, ", ")
}

// RegexProblem says what is wrong with a group name regex, or returns "".
func RegexProblem(expr string) string {
	if len(expr) > MaxRegexLen {
		return "must be at most 256 characters"
	}
	if _, err := regexp.Compile(expr); err != nil {
		return "is not a valid RE2 expression: " + err.Error()
	}
	return ""
}

func checkRange(p *Problems, path string, v, lo, hi int64) {
	if v < lo || v > hi {
		p.add(path, "must be between %d and %d, not %d", lo, hi, v)
	}
}

func checkIDList(p *Problems, path string, ids []string, limit int) {
	if len(ids) > limit {
		p.add(path, "may hold at most %d group IDs, not %d", limit, len(ids))
	}
	seen := map[string]bool{}
	for i, id := range ids {
		switch {
		case strings.TrimSpace(id) == "":
			p.add(pointer(SplitPointer(path)[0], SplitPointer(path)[1], i), "must be a group ID, not an empty string")
		case seen[id]:
			p.add(pointer(SplitPointer(path)[0], SplitPointer(path)[1], i), "duplicate group ID %s", id)
		}
		seen[id] = true
	}
}

// Validate checks every rule of the permission schemes document that needs no lookup.
func (s PermissionSchemes) Validate() Problems {
	var p Problems
	checkOperations(&p, func() string { return "/default" }, s.Default)
	if len(s.Users) > MaxSchemes {
		p.add("/users", "at most %d user schemes are allowed, not %d", MaxSchemes, len(s.Users))
	}
	if len(s.Groups) > MaxSchemes {
		p.add("/groups", "at most %d group schemes are allowed, not %d", MaxSchemes, len(s.Groups))
	}
	userRepeats := repeats(s.Users, func(u UserScheme) string { return u.AccountID })
	for i, u := range s.Users {
		if !ValidAccountID(u.AccountID) {
			p.add(pointer("users", i, "accountId"), "%q is not an account ID (1 to 128 characters of A-Z a-z 0-9 : -)", u.AccountID)
		} else if userRepeats(i) {
			p.add(pointer("users", i, "accountId"), "a second scheme for account %s; one scheme per account", u.AccountID)
		}
		checkOperations(&p, func() string { return pointer("users", i, "operations") }, u.Operations)
	}
	groupRepeats := repeats(s.Groups, func(g GroupScheme) string { return g.GroupID })
	for i, g := range s.Groups {
		if strings.TrimSpace(g.GroupID) == "" {
			p.add(pointer("groups", i, "groupId"), "must be a group ID, not an empty string")
		} else if groupRepeats(i) {
			p.add(pointer("groups", i, "groupId"), "a second scheme for group %s; one scheme per group", g.GroupID)
		}
		checkOperations(&p, func() string { return pointer("groups", i, "operations") }, g.Operations)
	}
	return p
}

// repeats tells, by index, which schemes have the ID of an earlier one. IDs in increasing order, as in a
// normalised document, cannot repeat, and are found so without a set of tens of thousands of IDs.
func repeats[S any](schemes []S, id func(S) string) func(int) bool {
	increasing := true
	for i := 1; i < len(schemes) && increasing; i++ {
		increasing = id(schemes[i-1]) < id(schemes[i])
	}
	if increasing {
		return func(int) bool { return false }
	}
	repeated := make([]bool, len(schemes))
	seen := make(map[string]bool, len(schemes))
	for i, s := range schemes {
		repeated[i] = seen[id(s)]
		seen[id(s)] = true
	}
	return func(i int) bool { return repeated[i] }
}

// checkOperations takes the path as a function: building it for every scheme of a large document costs
// more than the check itself, and it is needed only for a problem. Only a known operation can be a
// duplicate, so the operations seen are bits of their place in Operations.
func checkOperations(p *Problems, path func() string, ops []string) {
	var seen uint64
	for i, op := range ops {
		known := slices.Index(Operations, op)
		switch {
		case known < 0:
			p.add(path()+"/"+itoa(i), "unknown operation %q; expected one of %s", op, strings.Join(Operations, ", "))
		case seen&(1<<known) != 0:
			p.add(path()+"/"+itoa(i), "duplicate operation %s", op)
		}
		if known >= 0 {
			seen |= 1 << known
		}
	}
}

func itoa(i int) string { return pointer(i)[1:] }
