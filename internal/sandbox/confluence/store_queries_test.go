package confluence_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox"
	"github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
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

// TestMembersPageLeavesOutDeactivatedAccounts pages through a group whose deactivated members fall at the
// start, at the end and on page boundaries, with pages of several sizes, against the list filtered by hand;
// deactivated accounts outside the group, a reactivation and a deleted account must not shift the pages.
func TestMembersPageLeavesOutDeactivatedAccounts(t *testing.T) {
	store := confluence.NewStore()
	g, err := store.CreateGroup("paging")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 40 {
		id := fmt.Sprintf("acct-%02d", i)
		if err := store.AddUser(confluence.User{AccountID: id, Active: true}); err != nil {
			t.Fatal(err)
		}
		if i < 30 { // the last ten are outside the group
			ids = append(ids, id)
			if err := store.AddMember(g.ID, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, i := range []int{0, 4, 5, 9, 10, 17, 29, 31, 35, 12} {
		if err := store.SetUserActive(fmt.Sprintf("acct-%02d", i), false); err != nil {
			t.Fatal(err)
		}
	}
	if err := store.SetUserActive("acct-12", true); err != nil {
		t.Fatal(err)
	}
	if err := store.DeleteUser("acct-20"); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, id := range ids {
		if u, ok := store.User(id); ok && u.Active {
			want = append(want, id)
		}
	}
	for _, limit := range []int{1, 3, 5, 7, 200} {
		var got []string
		for start := 0; ; start += limit {
			page, total, ok := store.MembersPage(g.ID, start, limit)
			if !ok || total != len(want) {
				t.Fatalf("limit %d, start %d: total %d, found %v; want %d", limit, start, total, ok, len(want))
			}
			if len(page) == 0 {
				break
			}
			for _, u := range page {
				got = append(got, u.AccountID)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("limit %d: pages hold %v, want %v", limit, got, want)
		}
	}
}
