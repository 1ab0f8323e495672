package provider_test

// The documentation examples under examples/ are run against a sandbox with the demo seed, so that none of
// them can rot: resource examples are applied, then imported back with every ID form their import examples
// show; data source examples are read; the provider example configures the provider. A unit test checks that
// every resource, data source and function has its examples and that each example directory is exercised.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	fwdatasource "github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/function"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	"github.com/csum-tools/terraform-provider-csum/internal/provider"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

const examplesDir = "../../examples"

// resourceExample says how examples/resources/<type> is exercised beyond the common steps.
type resourceExample struct {
	// createsGroup: the group IDs in the example's import IDs stand for the group that resource.tf creates,
	// whose ID the sandbox picks at random; the test puts the created group's ID in their place.
	createsGroup bool
	// verifyIgnore: attributes that an import cannot know, left out of the comparison with the applied state.
	verifyIgnore []string
	// modes: the space access modes an example file (resource*.tf) is written for, and applied on. A file not
	// listed is written for the mode of every new site, and of the demo seed: ROLES.
	modes map[string][]string
}

var resourceExamples = map[string]resourceExample{
	"csum_global_settings":    {},
	"csum_permission_schemes": {},
	"csum_privileged_user":    {verifyIgnore: []string{"validated_at"}}, // re-validated on every read
	"csum_space_group": {createsGroup: true, modes: map[string][]string{
		"resource-permissions.tf": {sandboxconfluence.RoleModePreRoles, sandboxconfluence.RoleModeTransition},
	}},
	"csum_space_group_membership": {createsGroup: true, verifyIgnore: []string{"timeouts"}},
	"csum_space_group_member":     {},
}

// dataSourceExamples maps each examples/data-sources/<type> to exact values of some of its outputs (every
// output must be known and non-null in any case). A nil entry names a directory exercised by another test.
var dataSourceExamples = map[string]map[string]knownvalue.Check{
	"csum_space": {"eng_space_id": knownvalue.StringExact("98305")},
	"csum_space_groups": {"eng_groups": knownvalue.MapExact(map[string]knownvalue.Check{
		"eng-leads":   knownvalue.StringExact("ac5da8e3-b5b7-528e-b5e7-0547412ee222"),
		"eng-readers": knownvalue.StringExact("91a40f79-8f29-53db-803c-a3ac53c6f715"),
		"eng-writers": knownvalue.StringExact("6e83431b-7bf0-5f50-9702-0834d92daad1"),
	})},
	"csum_user": {
		"alice_account_id": knownvalue.StringExact("557058:038a2606-4729-5ec4-a1bb-dbf69567e15b"),
		"bob_status":       knownvalue.StringExact("active"),
	},
	"csum_legacy_export": nil, // TestAccLegacyExportDocExamples, with the migration example's export file
	"csum_space_roles": {
		"space_access_mode": knownvalue.StringExact("ROLES"),
		"role_names": knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringExact("Admin"), knownvalue.StringExact("Manager"),
			knownvalue.StringExact("Collaborator"), knownvalue.StringExact("Viewer"),
		}),
	},
	"csum_space_role": {"collaborator_permissions": knownvalue.SetPartial([]knownvalue.Check{knownvalue.StringExact("read/space")})},
	"csum_org_users": {
		"inactive_names": knownvalue.ListExact([]knownvalue.Check{
			knownvalue.StringExact("Bob Baker"), knownvalue.StringExact("CSUM Automation"),
			knownvalue.StringExact("Dora Departed"), knownvalue.StringExact("Erin Evans"),
			knownvalue.StringExact("Grace Green"), knownvalue.StringExact("Hiro Hayashi"),
			knownvalue.StringExact("Liam Lopez"), knownvalue.StringExact("Quinn Quarles"),
			knownvalue.StringExact("Sam Singh"), knownvalue.StringExact("Val Varga"),
			knownvalue.StringExact("Yusuf Yilmaz"),
		}),
		"warning_count": knownvalue.Int64Exact(12),
	},
}

// functionExamplesElsewhere lists examples/functions/<name> directories and the test that exercises each.
var functionExamplesElsewhere = map[string]string{
	"legacy_export": "TestAccLegacyExportDocExamples",
}

var (
	uuidPattern         = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	importBlockTo       = regexp.MustCompile(`(?m)^\s*to\s*=\s*([a-z0-9_]+\.[a-z0-9_]+)\s*$`)
	importBlockID       = regexp.MustCompile(`(?m)^\s*id\s*=\s*"([^"]+)"\s*$`)
	importCommand       = regexp.MustCompile(`(?m)^terraform import (\S+) (\S+)$`)
	outputName          = regexp.MustCompile(`(?m)^output "([a-z0-9_]+)"`)
	terraformBlockStart = regexp.MustCompile(`(?m)^terraform \{`)
)

func readExample(t *testing.T, parts ...string) string {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(append([]string{examplesDir}, parts...)...))
	if err != nil {
		t.Fatal(err)
	}
	return string(text)
}

// resourceExampleFiles lists a resource's example configurations: resource.tf and any resource-<form>.tf, the
// files the documentation shows.
func resourceExampleFiles(t *testing.T, typeName string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(examplesDir, "resources", typeName, "resource*.tf"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("examples/resources/%s has no resource*.tf (%v)", typeName, err)
	}
	files := make([]string, len(paths))
	for i, p := range paths {
		files[i] = filepath.Base(p)
	}
	return files
}

func exampleDirs(t *testing.T, kind string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(examplesDir, kind))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	return dirs
}

// importExample is what a resource's import examples say: the address they import into, the ID of the
// import block and the IDs of the terraform import commands.
type importExample struct {
	address   string
	blockID   string
	commandID []string
}

func parseImportExample(t *testing.T, typeName string) importExample {
	t.Helper()
	block := readExample(t, "resources", typeName, "import-by-string-id.tf")
	to, id := importBlockTo.FindStringSubmatch(block), importBlockID.FindStringSubmatch(block)
	if to == nil || id == nil {
		t.Fatalf("%s/import-by-string-id.tf: want an import block with `to` and a literal `id`", typeName)
	}
	ex := importExample{address: to[1], blockID: id[1]}
	script := readExample(t, "resources", typeName, "import.sh")
	for _, m := range importCommand.FindAllStringSubmatch(script, -1) {
		if m[1] != ex.address {
			t.Errorf("%s/import.sh imports into %s, import-by-string-id.tf into %s", typeName, m[1], ex.address)
		}
		ex.commandID = append(ex.commandID, m[2])
	}
	if len(ex.commandID) == 0 {
		t.Errorf("%s/import.sh has no `terraform import <address> <id>` line", typeName)
	}
	return ex
}

func registeredNames(t *testing.T) (resources, dataSources, functions []string) {
	t.Helper()
	ctx := context.Background()
	p := provider.New("test")()
	for _, newResource := range p.Resources(ctx) {
		var resp fwresource.MetadataResponse
		newResource().Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: "csum"}, &resp)
		resources = append(resources, resp.TypeName)
	}
	for _, newDataSource := range p.DataSources(ctx) {
		var resp fwdatasource.MetadataResponse
		newDataSource().Metadata(ctx, fwdatasource.MetadataRequest{ProviderTypeName: "csum"}, &resp)
		dataSources = append(dataSources, resp.TypeName)
	}
	withFunctions, ok := p.(fwprovider.ProviderWithFunctions)
	if !ok {
		t.Fatal("the provider no longer serves functions")
	}
	for _, newFunction := range withFunctions.Functions(ctx) {
		var resp function.MetadataResponse
		newFunction().Metadata(ctx, function.MetadataRequest{}, &resp)
		functions = append(functions, resp.Name)
	}
	sort.Strings(resources)
	sort.Strings(dataSources)
	sort.Strings(functions)
	return resources, dataSources, functions
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Every resource, data source and function has an example directory, and every example directory is
// exercised by an acceptance test.
func TestExamplesCoverEverything(t *testing.T) {
	resources, dataSources, functions := registeredNames(t)
	for _, c := range []struct {
		kind             string
		registered, dirs []string
		tested           []string
	}{
		{"resources", resources, exampleDirs(t, "resources"), sortedKeys(resourceExamples)},
		{"data-sources", dataSources, exampleDirs(t, "data-sources"), sortedKeys(dataSourceExamples)},
		{"functions", functions, exampleDirs(t, "functions"), sortedKeys(functionExamplesElsewhere)},
		{"list-resources", registeredListResources(t), exampleDirs(t, "list-resources"), sortedKeys(listResourceExamples)},
	} {
		if !slices.Equal(c.registered, c.dirs) {
			t.Errorf("examples/%s has %v, the provider registers %v", c.kind, c.dirs, c.registered)
		}
		if !slices.Equal(c.tested, c.dirs) {
			t.Errorf("examples/%s has %v, the example tests know %v", c.kind, c.dirs, c.tested)
		}
	}
	for _, typeName := range resources {
		for _, file := range []string{"resource.tf", "import.sh", "import-by-string-id.tf"} {
			if _, err := os.Stat(filepath.Join(examplesDir, "resources", typeName, file)); err != nil {
				t.Errorf("resource %s has no example %s", typeName, file)
			}
		}
		for file := range resourceExamples[typeName].modes {
			if !slices.Contains(resourceExampleFiles(t, typeName), file) {
				t.Errorf("the example tests give a mode to examples/resources/%s/%s, which does not exist", typeName, file)
			}
		}
	}
	for _, typeName := range dataSources {
		if _, err := os.Stat(filepath.Join(examplesDir, "data-sources", typeName, "data-source.tf")); err != nil {
			t.Errorf("data source %s has no example data-source.tf", typeName)
		}
	}
}

// The import examples are valid shell, import into a resource that resource.tf declares, and use an ID of
// the form the acceptance test below imports with.
func TestExampleImportScripts(t *testing.T) {
	for _, typeName := range exampleDirs(t, "resources") {
		t.Run(typeName, func(t *testing.T) {
			script := filepath.Join(examplesDir, "resources", typeName, "import.sh")
			if out, err := exec.Command("bash", "-n", script).CombinedOutput(); err != nil {
				t.Errorf("bash -n %s: %v\n%s", script, err, out)
			}
			ex := parseImportExample(t, typeName)
			name := strings.TrimPrefix(ex.address, typeName+".")
			if name == ex.address {
				t.Fatalf("the import examples import into %s, not a %s", ex.address, typeName)
			}
			for _, file := range resourceExampleFiles(t, typeName) {
				if !strings.Contains(readExample(t, "resources", typeName, file), `resource "`+typeName+`" "`+name+`"`) {
					t.Errorf("%s declares no %s, which the import examples import into", file, ex.address)
				}
			}
			if !slices.Contains(ex.commandID, ex.blockID) {
				t.Errorf("import.sh does not show the import block's ID %q (it shows %v)", ex.blockID, ex.commandID)
			}
		})
	}
}

// outputChecks asserts that every output of an example is known and not null, and the exact values given.
func outputChecks(hcl string, exact map[string]knownvalue.Check) []statecheck.StateCheck {
	var checks []statecheck.StateCheck
	for _, m := range outputName.FindAllStringSubmatch(hcl, -1) {
		check, ok := exact[m[1]]
		if !ok {
			check = knownvalue.NotNull()
		}
		checks = append(checks, statecheck.ExpectKnownOutputValue(m[1], check))
	}
	return checks
}

// Each resource example file is applied, on each space access mode it is written for, with an empty second
// plan, then imported back by its import block (a no-op plan) and by each of its terraform import commands,
// with the same state as applied.
func TestAccResourceExamples(t *testing.T) {
	t.Parallel()
	for _, typeName := range exampleDirs(t, "resources") {
		t.Run(typeName, func(t *testing.T) {
			tc := resourceExamples[typeName]
			for _, file := range resourceExampleFiles(t, typeName) {
				modes, ok := tc.modes[file]
				if !ok {
					modes = []string{sandboxconfluence.RoleModeRoles}
				}
				for _, mode := range modes {
					t.Run(strings.TrimSuffix(file, ".tf")+"_"+mode, func(t *testing.T) {
						env := acctest.Start(t, acctest.WithSpaceRoleMode(mode))
						hcl := readExample(t, "resources", typeName, file)
						resource.Test(t, resource.TestCase{
							ProtoV6ProviderFactories: providerFactories,
							Steps:                    resourceExampleSteps(t, typeName, tc, env.Config(hcl), outputChecks(hcl, nil)),
						})
					})
				}
			}
		})
	}
}

// resourceExampleSteps applies config, then imports its resource with every ID the import examples show.
func resourceExampleSteps(t *testing.T, typeName string, tc resourceExample, config string, outputs []statecheck.StateCheck) []resource.TestStep {
	t.Helper()
	ex := parseImportExample(t, typeName)
	steps := []resource.TestStep{
		{
			Config:            config,
			ConfigStateChecks: outputs,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
		{
			ResourceName:           ex.address,
			Config:                 config + "\n" + readExample(t, "resources", typeName, "import-by-string-id.tf"),
			ImportState:            true,
			ImportStateKind:        resource.ImportBlockWithID,
			ImportStateConfigExact: true,
			// A timeouts block in the configuration is not part of an import: the plan updates it in
			// place, with no API call, and changes nothing else.
			ExpectNonEmptyPlan: slices.Contains(tc.verifyIgnore, "timeouts"),
			ImportPlanChecks: resource.ImportPlanChecks{
				PreApply: []plancheck.PlanCheck{changesOnly{ex.address, tc.verifyIgnore}},
			},
		},
	}
	for _, id := range ex.commandID {
		steps = append(steps, resource.TestStep{
			ResourceName:            ex.address,
			Config:                  config,
			ImportState:             true,
			ImportStateIdFunc:       importID(ex.address, id, tc.createsGroup),
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: tc.verifyIgnore,
		})
	}
	return steps
}

// changesOnly fails when the planned change of address touches any top-level attribute but ignored.
type changesOnly struct {
	address string
	ignored []string
}

func (c changesOnly) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.address || rc.Change == nil {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		for key := range after {
			if !slices.Contains(c.ignored, key) && !reflect.DeepEqual(before[key], after[key]) {
				resp.Error = fmt.Errorf("%s: the import plan changes %s from %v to %v", c.address, key, before[key], after[key])
				return
			}
		}
		return
	}
	resp.Error = fmt.Errorf("the plan has no change for %s", c.address)
}

// importID returns id, or, when the example's group is created by the example, id with its group ID
// replaced by the ID the created group got.
func importID(address, id string, createdGroup bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		if !createdGroup || !uuidPattern.MatchString(id) {
			return id, nil
		}
		rs, ok := s.RootModule().Resources[address]
		if !ok {
			return "", fmt.Errorf("%s is not in state", address)
		}
		return uuidPattern.ReplaceAllString(id, rs.Primary.Attributes["group_id"]), nil
	}
}

func TestAccDataSourceExamples(t *testing.T) {
	t.Parallel()
	for _, typeName := range exampleDirs(t, "data-sources") {
		exact, ok := dataSourceExamples[typeName]
		if !ok || exact == nil {
			continue // TestExamplesCoverEverything names the test that covers it
		}
		t.Run(typeName, func(t *testing.T) {
			env := acctest.Start(t)
			hcl := readExample(t, "data-sources", typeName, "data-source.tf")
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: providerFactories,
				Steps: []resource.TestStep{{
					Config:            env.Config(hcl),
					ConfigStateChecks: outputChecks(hcl, exact),
				}},
			})
		})
	}
}

// The provider example configures the provider against the sandbox: its URLs point at the sandbox, its
// secrets come from the environment as the example says, and a data source makes Terraform configure it.
func TestAccProviderExample(t *testing.T) {
	env := acctest.Start(t)
	hcl := withoutTerraformBlock(t, readExample(t, "provider", "provider.tf"))
	for example, sandbox := range map[string]string{
		"https://example.atlassian.net":  env.Sandbox.URL(),
		"https://csum.example.net/admin": env.Sandbox.AppURL(),
	} {
		if !strings.Contains(hcl, example) {
			t.Fatalf("provider.tf no longer uses %s; update this test", example)
		}
		hcl = strings.ReplaceAll(hcl, example, sandbox)
	}
	if !strings.Contains(hcl, env.Sandbox.OrgID()) {
		t.Fatalf("provider.tf no longer uses the demo organization %s; update this test", env.Sandbox.OrgID())
	}
	t.Setenv("CSUM_API_TOKEN", env.Seed.Credentials.APIToken)
	t.Setenv("CSUM_APP_API_KEY", env.Sandbox.AppAPIKey())
	t.Setenv("CSUM_ADMIN_API_KEY", env.Sandbox.AdminAPIKey())
	t.Setenv("CSUM_ADMIN_API_URL", env.Sandbox.AdminURL())
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: providerFactories,
		Steps: []resource.TestStep{{
			Config: hcl + `
data "csum_space_groups" "eng" {
  space_key = "ENG"
}

data "csum_org_users" "all" {}
`,
			Check: resource.ComposeAggregateTestCheckFunc(
				resource.TestCheckResourceAttr("data.csum_space_groups.eng", "groups.#", "3"),
				// Every demo user but the provider's protected account, the admin.
				resource.TestCheckResourceAttr("data.csum_org_users.all", "users.%", "29"),
			),
		}},
	})
}

// withoutTerraformBlock drops the top-level terraform block: its required_providers source is for real use,
// while the test serves the provider in-process.
func withoutTerraformBlock(t *testing.T, hcl string) string {
	t.Helper()
	return withoutBlock(t, hcl, terraformBlockStart)
}

// withoutBlock drops the top-level block whose first line start matches, if there is one.
func withoutBlock(t *testing.T, hcl string, start *regexp.Regexp) string {
	t.Helper()
	loc := start.FindStringIndex(hcl)
	if loc == nil {
		return hcl
	}
	depth := 0
	for i := loc[1] - 1; i < len(hcl); i++ {
		switch hcl[i] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return hcl[:loc[0]] + hcl[i+1:]
			}
		}
	}
	t.Fatalf("unbalanced block %s", start)
	return ""
}
