package legacy

import (
	"fmt"
	"strings"
	"testing"
)

// untidyLegacyFile builds a legacy file of about size bytes, mostly user schemes written in the untidy
// forms the deprecated app produced.
func untidyLegacyFile(size int) []byte {
	var b strings.Builder
	b.Grow(size + 1024)
	b.WriteString("\xEF\xBB\xBF{\"exportVersion\": \"1\", \"globalSettings\": {\"groupPrefix\": \"${SPACEKEY}-\", " +
		"\"maxUserIdsPerAction\": \" 100 \", \"groupBlocklist\": \"a, b, ,c\", \"autoJoinGroups\": [" +
		"{\"groupId\": \"g1\", \"groupName\": \"all\"}], \"disabledUserVisibility\": \"showFlagged\"}, " +
		"\"permissions\": {\"defaultSpaceAdmin\": {\"createGroup\": \"yes\"}, \"userSchemes\": {")
	for i := 0; b.Len() < size-200; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"557058:%08x-4b5a-6978-8a9b-0c1d2e3f4a5b": {"createGroup": "Yes", "deleteGroup": false, "addUsers": "on", "editSpacePermissions": true}`, i)
	}
	b.WriteString("}}, \"privilegedUser\": {\"email\": \"bot@example.com\"}}")
	return []byte(b.String())
}

func BenchmarkParse10MiB(b *testing.B) {
	data := untidyLegacyFile(MaxSize - 1024)
	if _, err := Parse(data); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTenMiBFileReads(t *testing.T) {
	data := untidyLegacyFile(MaxSize - 1024)
	res, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.PermissionSchemes.Users); n < 50_000 {
		t.Fatalf("read %d user schemes from %d bytes; want them all", n, len(data))
	}
	if !hasWarning(res.Warnings, "/permissions/userSchemes", "at most 50 user schemes") {
		t.Fatal("no warning about the 50-scheme limit")
	}
}
