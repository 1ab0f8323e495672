package confluence

import (
	"crypto/rand"
	"crypto/sha1"
	"fmt"
)

// randomUUID returns a version 4 UUID, the form of Confluence group IDs.
func randomUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return formatUUID(b, 0x40)
}

// StableUUID derives a version 5 style UUID from a name, so seeds without explicit IDs give the same IDs on
// every start.
func StableUUID(namespace, name string) string {
	sum := sha1.Sum([]byte("csum-sandbox/" + namespace + "/" + name))
	var b [16]byte
	copy(b[:], sum[:16])
	return formatUUID(b, 0x50)
}

func formatUUID(b [16]byte, version byte) string {
	b[6] = b[6]&0x0f | version
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
