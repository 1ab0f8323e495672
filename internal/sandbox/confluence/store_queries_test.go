package confluence_test

import (
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
)

func BenchmarkMembersPage20k(b *testing.B) {
	seed := sandbox.GenerateSeed(sandbox.GenerateOptions{Users: 20000, Spaces: 1, BigGroupMembers: 20000})
	store := acctest.StartSandbox(b, acctest.WithSeed(seed)).Sandbox.Store()
	big, _ := store.GroupByName("s0000-big-group")
	b.ResetTimer()
	for b.Loop() {
		for start := 0; start < 20000; start += 200 {
			store.MembersPage(big.ID, start, 200)
		}
	}
}
