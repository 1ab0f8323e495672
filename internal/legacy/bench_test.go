package legacy

import (
	"fmt"
	"strings"
	"testing"
)

// untidyLegacyFile builds a legacy file of about size bytes, mostly user schemes written in the untidy
// forms the deprecated app produced.
func untidyLegacyFile(size int) []byte {
	return untidyLegacyFileWithIDs(size, func(i uint32) uint32 { return i })
}

// unsortedLegacyFile is untidyLegacyFile with its account IDs out of order, as a file written from an
// unsorted map would have them.
func unsortedLegacyFile(size int) []byte {
	return untidyLegacyFileWithIDs(size, func(i uint32) uint32 { return i * 2654435761 }) // a permutation
}

// untidyLegacyFileWithIDs builds the file; id gives the number in the i-th account ID.
func untidyLegacyFileWithIDs(size int, id func(i uint32) uint32) []byte {
	var b strings.Builder
	b.Grow(size + 1024)
	b.WriteString("\xEF\xBB\xBF{\"exportVersion\": \"1\", \"globalSettings\": {\"groupPrefix\": \"${SPACEKEY}-\", " +
		"\"maxUserIdsPerAction\": \" 100 \", \"groupBlocklist\": \"a, b, ,c\", \"autoJoinGroups\": [" +
		"{\"groupId\": \"g1\", \"groupName\": \"all\"}], \"disabledUserVisibility\": \"showFlagged\"}, " +
		"\"permissions\": {\"defaultSpaceAdmin\": {\"createGroup\": \"yes\"}, \"userSchemes\": {")
	for i := uint32(0); b.Len() < size-200; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, `"557058:%08x-4b5a-6978-8a9b-0c1d2e3f4a5b": {"createGroup": "Yes", "deleteGroup": false, "addUsers": "on", "editSpacePermissions": true}`, id(i))
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

// BenchmarkParse10MiBUnsorted is the same file with its 90,000 schemes to sort.
func BenchmarkParse10MiBUnsorted(b *testing.B) {
	data := unsortedLegacyFile(MaxSize - 1024)
	b.SetBytes(int64(len(data)))
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
