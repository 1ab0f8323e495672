package provider_test

import (
	"context"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/provider"
)

// listResourceExamples maps each examples/list-resources/<type> to the number of results each of its list
// blocks gives on the demo seed, by list address (type.label).
var listResourceExamples = map[string]map[string]int{
	"csum_space_group":            {"csum_space_group.all": 7, "csum_space_group.eng_ops": 5},
	"csum_space_group_membership": {"csum_space_group_membership.eng": 3},
}

var listBlock = regexp.MustCompile(`(?m)^list "([a-z0-9_]+)" "([a-z0-9_]+)"`)

func registeredListResources(t *testing.T) []string {
	t.Helper()
	ctx := context.Background()
	p, ok := provider.New("test")().(fwprovider.ProviderWithListResources)
	if !ok {
		t.Fatal("the provider no longer serves list resources")
	}
	var names []string
	for _, newList := range p.ListResources(ctx) {
		var resp fwresource.MetadataResponse
		newList().Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "csum"}, &resp)
		names = append(names, resp.TypeName)
	}
	sort.Strings(names)
	return names
}

// listResourceExampleFiles reads a list resource's example query files (list-resource*.tfquery.hcl, the
// files the documentation shows), joined, with the address of every list block they hold.
func listResourceExampleFiles(t *testing.T, typeName string) (string, []string) {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(examplesDir, "list-resources", typeName, "list-resource*.tfquery.hcl"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("examples/list-resources/%s has no list-resource*.tfquery.hcl (%v)", typeName, err)
	}
	var hcl strings.Builder
	var addresses []string
	for _, p := range paths {
		text := readExample(t, "list-resources", typeName, filepath.Base(p))
		for _, m := range listBlock.FindAllStringSubmatch(text, -1) {
			if m[1] != typeName {
				t.Errorf("%s lists %s, not %s", filepath.Base(p), m[1], typeName)
			}
			addresses = append(addresses, m[1]+"."+m[2])
		}
		hcl.WriteString(text + "\n")
	}
	sort.Strings(addresses)
	return hcl.String(), addresses
}

// Each list resource's examples run with `terraform query` against the demo seed and give the number of
// results the table above says.
func TestAccListResourceExamples(t *testing.T) {
	t.Parallel()
	for _, typeName := range exampleDirs(t, "list-resources") {
		t.Run(typeName, func(t *testing.T) {
			t.Parallel()
			hcl, addresses := listResourceExampleFiles(t, typeName)
			want := listResourceExamples[typeName]
			if !slices.Equal(addresses, slices.Sorted(maps.Keys(want))) {
				t.Fatalf("the examples hold the list blocks %v, the test expects %v", addresses, slices.Sorted(maps.Keys(want)))
			}
			var checks []querycheck.QueryResultCheck
			for _, address := range addresses {
				checks = append(checks, querycheck.ExpectLength(address, want[address]))
			}
			env := acctest.Start(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: providerFactories,
				TerraformVersionChecks:   queryCLI,
				Steps: []resource.TestStep{
					{Config: env.ProviderBlock()},
					{Query: true, Config: hcl, QueryResultChecks: checks},
				},
			})
		})
	}
}
