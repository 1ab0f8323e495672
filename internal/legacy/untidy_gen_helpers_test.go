package legacy

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// untidyGen writes export files the way a careless hand or an old build might: every tolerated form of
// every value, now and then a value of the wrong kind, unknown and repeated keys, escaped and non-ASCII
// text, and sometimes damage to the JSON itself. The same seed always gives the same files.
type untidyGen struct{ r *rand.Rand }

func newUntidyGen(seed uint64) untidyGen { return untidyGen{rand.New(rand.NewPCG(seed, 0x5eed))} }

// file returns one generated file: legacy or current, maybe damaged.
func (g untidyGen) file() []byte {
	var doc string
	switch g.r.IntN(10) {
	case 0:
		doc = g.oddRoot()
	case 1, 2, 3:
		doc = g.currentDoc()
	default:
		doc = g.legacyDoc()
	}
	if g.chance(0.2) {
		return g.damage([]byte(doc))
	}
	if g.chance(0.1) {
		doc = "\xEF\xBB\xBF" + doc
	}
	return []byte(doc + g.ws())
}

func (g untidyGen) chance(p float64) bool { return g.r.Float64() < p }

func (g untidyGen) pick(options ...string) string { return options[g.r.IntN(len(options))] }

// rare picks one of the wrong-kind values now and then, else calls usual.
func (g untidyGen) rare(usual func() string, wrong ...string) string {
	if g.chance(0.01) {
		return g.pick(wrong...)
	}
	return usual()
}

func (g untidyGen) ws() string { return g.pick("", "", " ", "\n  ", "\t", "\r\n", " \n\t ") }

// quote writes s as a JSON string, escaping some characters that need no escape, as some writers do.
func (g untidyGen) quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteString(`\` + string(r))
		case r < 0x20:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == '/' && g.chance(0.5):
			b.WriteString(`\/`)
		case r > 0xFFFF && g.chance(0.5):
			r -= 0x10000
			fmt.Fprintf(&b, `\u%04x\u%04X`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		case g.chance(0.01):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

type textMember struct{ key, value string }

// object writes members in a shuffled order, sometimes repeating one with another value first or last.
func (g untidyGen) object(members []textMember) string {
	g.r.Shuffle(len(members), func(i, j int) { members[i], members[j] = members[j], members[i] })
	if len(members) > 0 && g.chance(0.08) {
		again := members[g.r.IntN(len(members))]
		if g.chance(0.3) {
			again.value = g.scalar()
		} else {
			again.value = members[g.r.IntN(len(members))].value
		}
		if g.chance(0.5) {
			members = append(members, again)
		} else {
			members = append([]textMember{again}, members...)
		}
	}
	parts := make([]string, len(members))
	for i, m := range members {
		parts[i] = g.ws() + g.quote(m.key) + g.ws() + ":" + g.ws() + m.value + g.ws()
	}
	if len(parts) == 0 {
		return "{" + g.ws() + "}"
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func (g untidyGen) array(items []string) string {
	for i := range items {
		items[i] = g.ws() + items[i] + g.ws()
	}
	if len(items) == 0 {
		return "[" + g.ws() + "]"
	}
	return "[" + strings.Join(items, ",") + "]"
}

func (g untidyGen) scalar() string {
	return g.pick(`true`, `false`, `null`, `0`, `-0`, `12`, `1.5e+3`, `2E-2`, `"yes"`, `"x"`, `""`, `"é"`, `[]`, `{}`)
}

// unknownValue is anything, nested a little.
func (g untidyGen) unknownValue(depth int) string {
	if depth > 3 || g.chance(0.6) {
		return g.scalar()
	}
	if g.chance(0.5) {
		return g.array([]string{g.unknownValue(depth + 1), g.unknownValue(depth + 1)})
	}
	return g.object([]textMember{{g.unknownKey(), g.unknownValue(depth + 1)}, {g.unknownKey(), g.unknownValue(depth + 1)}})
}

func (g untidyGen) unknownKey() string {
	return g.pick("themeColour", "licence", "a/b~c", "", " ", "ünïcode", "requests", "zz", "aa", "~", "/", "😀", "createGroup2")
}

func (g untidyGen) withUnknown(members []textMember) []textMember {
	for g.chance(0.15) {
		members = append(members, textMember{g.unknownKey(), g.unknownValue(0)})
	}
	return members
}

func (g untidyGen) boolish() string {
	return g.rare(func() string {
		return g.pick(`true`, `false`, `"yes"`, `"No"`, `" on "`, `"OFF"`, `"TRUE"`, `"False"`, `"Yes"`)
	}, `"maybe"`, `1`, `null`, `"y"`, `[true]`)
}

func (g untidyGen) intish() string {
	return g.rare(func() string {
		return g.pick(`100`, `" 250 "`, `"20"`, `7`, `0`, `-3`, `"1000"`, `1001`, `"\t42"`)
	}, `1.5`, `1e3`, `"lots"`, `99999999999999999999`, `true`, `"4 2"`, `null`)
}

func (g untidyGen) patternPart() string {
	return g.rare(func() string {
		return g.quote(g.pick("${SPACEKEY}-", "{spacekey}-", "team-", "-SPACEKEY", "", "wiki-SPACEKEY-Ü", "SpaceKey", "a_b.c-"))
	}, `5`, `null`, `["SPACEKEY"]`)
}

func (g untidyGen) regex() string {
	return g.rare(func() string {
		return g.quote(g.pick("[a-z0-9-]+", "[a-z", ".*", strings.Repeat("a", 300), `\d+`))
	}, `["a"]`, `true`)
}

func (g untidyGen) groupID() string {
	return g.pick("5f2c1e6a-0b7d-4c1e-9a51-2f0e9c3d7a10", "g1", "g2", " g3 ", "", "a,b", "ĝ", "g1")
}

func (g untidyGen) idList() string {
	return g.rare(func() string {
		n := g.r.IntN(4)
		if g.chance(0.05) {
			n = 51 + g.r.IntN(5)
		}
		if g.chance(0.4) {
			ids := make([]string, n)
			for i := range ids {
				ids[i] = strings.TrimSpace(g.groupID())
				if n > 50 {
					ids[i] = fmt.Sprintf("g-%03d", i)
				}
			}
			return g.quote(strings.Join(ids, g.pick(",", ", ", " , ,")))
		}
		items := make([]string, n)
		for i := range items {
			switch {
			case n > 50:
				items[i] = fmt.Sprintf(`"g-%03d"`, i)
			case g.chance(0.5):
				items[i] = g.quote(g.groupID())
			default:
				items[i] = g.groupRef()
			}
		}
		return g.array(items)
	}, `5`, `[5]`, `[{"groupName": "all"}]`, `[{"groupId": 7}]`, `{}`, `null`)
}

func (g untidyGen) groupRef() string {
	members := []textMember{{"groupId", g.quote(g.groupID())}}
	if g.chance(0.6) {
		members = append(members, textMember{"groupName", g.quote(g.pick("all-staff", "Ünits", ""))})
	}
	return g.object(g.withUnknown(members))
}

func (g untidyGen) visibility() string {
	return g.rare(func() string { return g.quote(g.pick("showFlagged", "hide", "ShowFlagged", "HIDE")) },
		`"FLAG"`, `"greyedOut"`, `true`, `null`)
}

func (g untidyGen) groupFilter() string {
	return g.rare(func() string {
		if g.chance(0.4) {
			return `null`
		}
		return g.groupRef()
	}, `"5f2c"`, `{"groupName": "x"}`, `[]`)
}

var settingWriters = []struct {
	key   string
	value func(untidyGen) string
}{
	{"groupPrefix", untidyGen.patternPart}, {"groupSuffix", untidyGen.patternPart},
	{"groupNameAllowedCharacters", untidyGen.regex}, {"spaceGroupActionsPermitted", untidyGen.boolish},
	{"spaceGroupAddRemoveUsersPermitted", untidyGen.boolish}, {"maxUserIdsPerAction", untidyGen.intish},
	{"maxGroupIdsPerAction", untidyGen.intish}, {"groupBlocklist", untidyGen.idList},
	{"allowRemoveCurrentUserFromGlobalPermissionGroup", untidyGen.boolish},
	{"disabledUserVisibility", untidyGen.visibility}, {"userSearchEnabled", untidyGen.boolish},
	{"personalSpaceAdministrationAllowed", untidyGen.boolish}, {"autoJoinGroups", untidyGen.idList},
	{"userGroupFilter", untidyGen.groupFilter}, {"showGroupInformation", untidyGen.boolish},
}

func (g untidyGen) legacySettings() string {
	var members []textMember
	for _, w := range settingWriters {
		if g.chance(0.85) {
			members = append(members, textMember{w.key, w.value(g)})
		}
	}
	return g.object(g.withUnknown(members))
}

func (g untidyGen) scheme() string {
	if g.chance(0.01) {
		return g.pick(`true`, `["createGroup"]`, `null`, `"all"`)
	}
	var members []textMember
	for _, key := range legacyOperationKeys {
		if g.chance(0.5) {
			members = append(members, textMember{key, g.boolish()})
		}
	}
	return g.object(g.withUnknown(members))
}

func (g untidyGen) accountID(i int) string {
	if g.chance(0.05) {
		return g.pick("bob@example.com", "", "a/b~c", "é-ü", "557058:dup", strings.Repeat("x", 130), "5b10ac8d82e05b22cc7d4ef5")
	}
	return fmt.Sprintf("557058:%08x-4b5a-6978-8a9b-0c1d2e3f4a5b", g.r.IntN(4*(i+1)))
}

func (g untidyGen) schemeMap(key func(int) string) string {
	n := g.r.IntN(6)
	if g.chance(0.02) {
		n = 50 + g.r.IntN(3)
	}
	members := make([]textMember, n)
	for i := range members {
		members[i] = textMember{key(i), g.scheme()}
	}
	return g.object(members)
}

func (g untidyGen) permissions() string {
	if g.chance(0.01) {
		return g.pick(`"all"`, `[]`, `null`)
	}
	var members []textMember
	if g.chance(0.85) {
		members = append(members, textMember{"defaultSpaceAdmin", g.scheme()})
	}
	if g.chance(0.8) {
		value := g.schemeMap(g.accountID)
		if g.chance(0.01) {
			value = g.pick(`[]`, `null`, `true`)
		}
		members = append(members, textMember{"userSchemes", value})
	}
	if g.chance(0.7) {
		value := g.schemeMap(func(int) string { return g.groupID() })
		if g.chance(0.01) {
			value = g.pick(`[]`, `"g1"`)
		}
		members = append(members, textMember{"groupSchemes", value})
	}
	return g.object(g.withUnknown(members))
}

func (g untidyGen) privilegedUser() string {
	if g.chance(0.02) {
		return g.pick(`"csum-bot@example.com"`, `null`, `[]`)
	}
	var members []textMember
	if g.chance(0.8) {
		members = append(members, textMember{"email", g.rare(func() string {
			return g.pick(`"csum-bot@example.com"`, `null`, `""`, `"ünï@example.com"`)
		}, `5`, `true`)})
	}
	if g.chance(0.3) {
		members = append(members, textMember{"apiToken", g.pick(`"ATATT3xFfGF0-secret"`, `5`, `null`)})
	}
	return g.object(g.withUnknown(members))
}

func (g untidyGen) legacyDoc() string {
	members := []textMember{{"exportVersion", g.rare(func() string { return g.pick(`1`, `"1"`, `" 1 "`) }, `1.0`, `2`, `"one"`, `true`)}}
	if g.chance(0.5) {
		members = append(members, textMember{"appKey", g.quote("csum-cloud-legacy")}, textMember{"exportedAt", g.quote("2025-09-30T08:15:00.000Z")})
	}
	if g.chance(0.9) {
		settings := g.legacySettings()
		if g.chance(0.01) {
			settings = g.pick(`[]`, `null`, `"x"`)
		}
		members = append(members, textMember{"globalSettings", settings})
	}
	if g.chance(0.9) {
		members = append(members, textMember{"permissions", g.permissions()})
	}
	if g.chance(0.6) {
		members = append(members, textMember{"privilegedUser", g.privilegedUser()})
	}
	return g.object(g.withUnknown(members))
}

// strict writes a format-2 value: usually the given one, rarely one of the wrong kind.
func (g untidyGen) strict(value string) string {
	if g.chance(0.006) {
		return g.pick(`"100"`, `"yes"`, `1`, `1.5`, `null`, `[]`, `{}`, `"a,b"`, `true`)
	}
	return value
}

// strictObject drops a textMember now and then (an error for format 2) and adds unknown ones.
func (g untidyGen) strictObject(members []textMember) string {
	if len(members) > 0 && g.chance(0.008) {
		i := g.r.IntN(len(members))
		members = append(members[:i], members[i+1:]...)
	}
	return g.strict(g.object(g.withUnknown(members)))
}

func (g untidyGen) strictList(item func() string) string {
	items := make([]string, g.r.IntN(4))
	for i := range items {
		items[i] = g.strict(item())
	}
	return g.strict(g.array(items))
}

func (g untidyGen) operation() string {
	return g.quote(g.pick("CREATE_GROUP", "DELETE_GROUP", "RENAME_GROUP", "ADD_MEMBERS", "REMOVE_MEMBERS",
		"MANAGE_SPACE_PERMISSIONS", "CREATE_GROUP", "FLY", "create_group"))
}

func (g untidyGen) currentDoc() string {
	id := func() string { return g.quote(g.groupID()) }
	groupSettings := g.strictObject([]textMember{
		{"spaceGroupPattern", g.strictObject([]textMember{
			{"prefix", g.strict(g.quote(g.pick("SPACEKEY-", "team-", "", "${SPACEKEY}")))},
			{"suffix", g.strict(g.quote(g.pick("", "-SPACEKEY", "-x")))}})},
		{"groupNameRegex", g.strict(g.quote(g.pick(".*", "[a-z", "[a-z0-9-]+")))},
		{"allowSpaceGroupActions", g.strict(g.pick("true", "false"))},
		{"allowSpaceGroupMemberChanges", g.strict(g.pick("true", "false"))},
		{"maxUsersPerAction", g.strict(g.pick("100", "0", "1000", "-1", "100", "250"))},
		{"maxGroupsPerAction", g.strict(g.pick("10", "1", "2000"))},
		{"groupBlocklist", g.strictList(id)},
		{"allowRemoveSelfFromGlobalPermissionGroup", g.strict(g.pick("true", "false"))},
	})
	userSettings := g.strictObject([]textMember{
		{"disabledUserVisibility", g.strict(g.quote(g.pick("FLAG", "HIDE", "flag", "showFlagged")))},
		{"userSearchEnabled", g.strict(g.pick("true", "false"))},
		{"personalSpaceAdministrationAllowed", g.strict(g.pick("true", "false"))},
		{"autoJoinGroupIds", g.strictList(id)},
		{"userGroupFilterGroupId", g.strict(g.pick("null", `"g1"`, `""`, `" "`))},
	})
	settings := g.strictObject([]textMember{
		{"groupSettings", groupSettings}, {"userSettings", userSettings},
		{"generalSettings", g.strictObject([]textMember{
			{"showGroupInformation", g.strict(g.pick("true", "false"))},
			{"auditRetentionDays", g.strict(g.pick("90", "0", "3650", "4000"))}})},
	})
	userScheme := func() string {
		return g.strictObject([]textMember{{"accountId", g.strict(g.quote(g.accountID(3)))}, {"operations", g.strictList(g.operation)}})
	}
	groupScheme := func() string {
		return g.strictObject([]textMember{{"groupId", g.strict(id())}, {"operations", g.strictList(g.operation)}})
	}
	schemes := g.strictObject([]textMember{
		{"default", g.strictList(g.operation)}, {"users", g.strictList(userScheme)}, {"groups", g.strictList(groupScheme)},
	})
	version := g.rare(func() string { return "2" }, `"2"`, `2.0`, `3`, `null`)
	return g.object(g.withUnknown([]textMember{{"formatVersion", version}, {"settings", settings}, {"permissionSchemes", schemes}}))
}

// oddRoot is a document that is not an export, or is both.
func (g untidyGen) oddRoot() string {
	if g.chance(0.1) {
		// Deep nesting: encoding/json refuses more than 10,000 levels.
		depth := g.pick("1200", "9999", "10001")
		n := map[string]int{"1200": 1200, "9999": 9999, "10001": 10001}[depth]
		return `{"exportVersion": 1, "x": ` + strings.Repeat(`{"a":`, n-1) + "1" + strings.Repeat("}", n-1) + `}`
	}
	return g.pick(`[{"exportVersion": 1}]`, `"exportVersion"`, `12`, `null`, `true`, `{}`, `{"globalSettings": {}}`,
		`{"exportVersion": 1, "formatVersion": 2}`, `{"formatVersion": 2}`, `{"exportVersion": 1}`, ` `, ``,
		`{"exportVersion": 1, "exportVersion": 2}`, `{"exportVersion": 2, "exportVersion": 1}`,
		`{"exportVersion": 1, "x": `+strings.Repeat("[", 100)+strings.Repeat("]", 100)+`}`)
}

// damage breaks a document in one of the ways files get broken.
func (g untidyGen) damage(doc []byte) []byte {
	at := 0
	if len(doc) > 0 {
		at = g.r.IntN(len(doc))
	}
	insert := func(s string) []byte {
		return append(append(append([]byte{}, doc[:at]...), s...), doc[at:]...)
	}
	switch g.r.IntN(10) {
	case 0:
		return doc[:at]
	case 1:
		out := append([]byte{}, doc...)
		if len(out) > 0 {
			out[at] = g.pick("{", "}", "[", "]", ",", ":", `"`, "\x00", "\xff", "x", "1", "-", " ", "\\", "\n")[0]
		}
		return out
	case 2:
		return append(doc, g.pick(" {}", "x", " 1", "\n\n]", "\x00", `"`)...)
	case 3:
		return insert(g.pick("\xff", "\xc3", "\xed\xa0\x80", "\xe2\x82"))
	case 4:
		return insert(g.pick("\x01", "\t", "\u2028", "\x7f"))
	case 5:
		return insert(g.pick(`\u`, `\ud800`, `\udc00\ud800`, `\x`, `\u00e9`, `\"`, `\ud83d\ude00`))
	case 6:
		return append([]byte(g.pick("\xEF\xBB\xBF\xEF\xBB\xBF", "\xEF\xBB", "\n\n", "\xEF\xBB\xBF \n")), doc...)
	case 7:
		return insert(g.pick("1e", "-", "01", ".5", "1.", "tru", "nul", "NaN", "+1", "0x1"))
	case 8:
		return insert(strings.Repeat("[", 3))
	default:
		return insert(g.pick(",", ":", `"":`, `,"k":1`, "]", "}"))
	}
}
