package provider

import (
	"strings"
	"testing"
)

func TestBulletListCutsLongLists(t *testing.T) {
	lines := make([]string, 60)
	for i := range lines {
		lines[i] = "acc"
	}
	out := bulletList(lines)
	if n := strings.Count(out, "\n- acc"); n != 50 {
		t.Fatalf("%d lines shown, want 50", n)
	}
	if !strings.HasSuffix(out, "and 10 more") {
		t.Fatalf("missing the count of hidden lines: %q", out[len(out)-30:])
	}
}

func TestSentence(t *testing.T) {
	if got := sentence("group g is named \"a\""); got != "Group g is named \"a\"." {
		t.Fatalf("sentence = %q", got)
	}
}
