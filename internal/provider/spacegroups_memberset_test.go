package provider

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/csum-tools/terraform-provider-csum/internal/confluence"
	"github.com/csum-tools/terraform-provider-csum/internal/csumapi"
	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
)

func tfStringSet(values ...string) tftypes.Value {
	elems := make([]tftypes.Value, len(values))
	for i, v := range values {
		elems[i] = tftypes.NewValue(tftypes.String, v)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, elems)
}

func TestMemberSetValidate(t *testing.T) {
	ctx, typ := context.Background(), newMemberSetType()
	if diags := typ.Validate(ctx, tfStringSet("a", "b", "c"), path.Root("members")); diags.HasError() {
		t.Errorf("distinct members: %v", diags)
	}
	diags := typ.Validate(ctx, tfStringSet("a", "b", "a"), path.Root("members"))
	if !diags.HasError() || diags[0].Summary() != "Duplicate Set Element" {
		t.Errorf("a repeated member: %v, want a Duplicate Set Element error", diags)
	}
	unknown := tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{
		tftypes.NewValue(tftypes.String, tftypes.UnknownValue), tftypes.NewValue(tftypes.String, tftypes.UnknownValue)})
	if diags := typ.Validate(ctx, unknown, path.Root("members")); diags.HasError() {
		t.Errorf("unknown members are not duplicates: %v", diags)
	}
}

func TestMemberSetEqual(t *testing.T) {
	unknownElem := types.SetValueMust(types.StringType, []attr.Value{types.StringUnknown()})
	tests := []struct {
		name string
		a, b attr.Value
		want bool
	}{
		{"same members in another order", memberSet([]string{"a", "b"}), memberSetValue{types.SetValueMust(types.StringType, []attr.Value{types.StringValue("b"), types.StringValue("a")})}, true},
		{"one member differs", memberSet([]string{"a", "b"}), memberSet([]string{"a", "c"}), false},
		{"one more member", memberSet([]string{"a"}), memberSet([]string{"a", "b"}), false},
		{"both empty", memberSet(nil), memberSet([]string{}), true},
		{"null and empty", memberSetValue{types.SetNull(types.StringType)}, memberSet(nil), false},
		{"both null", memberSetValue{types.SetNull(types.StringType)}, memberSetValue{types.SetNull(types.StringType)}, true},
		{"unknown element against known", memberSetValue{unknownElem}, memberSet([]string{"a"}), false},
		{"a plain set is another type", memberSet([]string{"a"}), stringSet([]string{"a"}), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Equal(tt.b); got != tt.want {
				t.Errorf("Equal = %v, want %v", got, tt.want)
			}
			if prior, ok := tt.b.(memberSetValue); ok {
				if same, _ := tt.a.(memberSetValue).SetSemanticEquals(context.Background(), prior); same != tt.want {
					t.Errorf("SetSemanticEquals = %v, want %v", same, tt.want)
				}
			}
		})
	}
}

func TestMemberSetRoundTrip(t *testing.T) {
	ctx, typ := context.Background(), newMemberSetType()
	v, err := typ.ValueFromTerraform(ctx, tfStringSet("x", "y"))
	if err != nil {
		t.Fatal(err)
	}
	if !v.Equal(memberSet([]string{"y", "x"})) || !v.Type(ctx).Equal(typ) {
		t.Errorf("ValueFromTerraform = %v (%T)", v, v)
	}
	var ids []string
	if diags := v.(memberSetValue).ElementsAs(ctx, &ids, false); diags.HasError() || len(ids) != 2 {
		t.Errorf("ElementsAs = %v, %v", ids, diags)
	}
}

// A large set is compared without looking at every pair: 50,000 members against themselves.
func TestMemberSetLargeEqual(t *testing.T) {
	ids := make([]string, 50_000)
	for i := range ids {
		ids[i] = fmt.Sprintf("557058:%08d", i)
	}
	a, b := memberSet(ids), memberSet(append([]string(nil), ids...))
	if !a.Equal(b) {
		t.Fatal("equal sets compare unequal")
	}
	if diags := newMemberSetType().Validate(context.Background(), tfStringSet(ids...), path.Root("members")); diags.HasError() {
		t.Fatal(diags)
	}
}

// groupLookups counts the calls currentGroup makes.
type groupLookups struct {
	confluenceAPI
	appAPI
	groups       map[string][]csumapi.SpaceGroup // by space key
	getGroup     map[string]confluence.Group     // by ID
	lists, gets  atomic.Int32
	listsStarted chan struct{}
	release      chan struct{}
}

func (f *groupLookups) SpaceGroups(_ context.Context, spaceKey string) (csumapi.SpaceGroups, error) {
	f.lists.Add(1)
	if f.release != nil {
		f.listsStarted <- struct{}{}
		<-f.release
	}
	return csumapi.SpaceGroups{SpaceKey: spaceKey, Results: f.groups[spaceKey]}, nil
}

func (f *groupLookups) GetGroup(_ context.Context, id string) (confluence.Group, error) {
	f.gets.Add(1)
	if g, ok := f.getGroup[id]; ok {
		return g, nil
	}
	return confluence.Group{}, &confluence.NotFoundError{Kind: "group", Key: id}
}

func TestCurrentGroupUsesTheSpaceListOncePerSpace(t *testing.T) {
	f := &groupLookups{
		groups:   map[string][]csumapi.SpaceGroup{"ENG": {{ID: "g1", Name: "eng-renamed"}, {ID: "g2", Name: "eng-b"}}},
		getGroup: map[string]confluence.Group{"g9": {ID: "g9", Name: "eng-left-the-pattern"}},
	}
	d := &providerData{app: f, lookups: newSpaceGroupCache()}
	ctx := context.Background()
	for _, id := range []string{"g1", "g2", "g1"} {
		g, err := d.currentGroup(ctx, f, "ENG", id)
		if err != nil || g.ID != id {
			t.Fatalf("currentGroup(%s) = %+v, %v", id, g, err)
		}
	}
	if g, _ := d.currentGroup(ctx, f, "ENG", "g1"); g.Name != "eng-renamed" {
		t.Errorf("name = %q, want the app's current name", g.Name)
	}
	if g, err := d.currentGroup(ctx, f, "ENG", "g9"); err != nil || g.Name != "eng-left-the-pattern" {
		t.Errorf("a group missing from the list is read by ID: %+v, %v", g, err)
	}
	if _, err := d.currentGroup(ctx, f, "ENG", "gone"); !httpx.IsNotFound(err) {
		t.Errorf("a deleted group: %v, want not found", err)
	}
	if lists, gets := f.lists.Load(), f.gets.Load(); lists != 1 || gets != 2 {
		t.Errorf("%d space lists and %d group reads, want 1 and 2", lists, gets)
	}
}

func TestCurrentGroupWithoutTheAppReadsByID(t *testing.T) {
	f := &groupLookups{getGroup: map[string]confluence.Group{"g1": {ID: "g1", Name: "eng-a"}}}
	d := &providerData{lookups: newSpaceGroupCache()}
	if g, err := d.currentGroup(context.Background(), f, "ENG", "g1"); err != nil || g.Name != "eng-a" {
		t.Errorf("currentGroup = %+v, %v", g, err)
	}
	if f.gets.Load() != 1 {
		t.Errorf("%d group reads, want 1", f.gets.Load())
	}
}

// Resources of one space refreshed at the same time share a single list request.
func TestSpaceGroupsOfSharesConcurrentRequests(t *testing.T) {
	f := &groupLookups{groups: map[string][]csumapi.SpaceGroup{"ENG": {{ID: "g1", Name: "eng-a"}}},
		listsStarted: make(chan struct{}), release: make(chan struct{})}
	d := &providerData{app: f, lookups: newSpaceGroupCache()}
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			_, err := d.currentGroup(context.Background(), f, "ENG", "g1")
			errs <- err
		})
	}
	<-f.listsStarted // one request is in flight; the others wait for it or find the cache
	close(f.release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := f.lists.Load(); n != 1 {
		t.Errorf("%d list requests, want 1", n)
	}
}
