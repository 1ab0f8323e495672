package provider_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
	sandboxconfluence "github.com/csum-tools/terraform-provider-csum/internal/sandbox/confluence"
)

// The guide "Adopting an existing site" (examples/guides/adopting), on the path every CLI can take: the
// snapshot configuration reads the space groups with their members; its output becomes space-groups.json;
// the for_each configuration imports every group and membership with two import blocks and nothing to
// change. From then on the file is the configuration: an edit of it is applied, and a change made in
// Confluence shows in the plan, named, and is put back.
func TestAccAdoptionGuideForEach(t *testing.T) {
	for _, mode := range []string{sandboxconfluence.RoleModeRoles, sandboxconfluence.RoleModePreRoles} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			env := acctest.Start(t, acctest.WithSpaceRoleMode(mode))
			store := env.Sandbox.Store()
			c := newTFCLI(t, env, withoutTerraformBlock(t, readExample(t, "guides", "adopting", "snapshot", "main.tf")))
			c.skipBelow("1.7.0", "import blocks with for_each")
			c.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
			snapshot := c.stdout("output", "-json", "space_groups")
			groups := map[string]map[string]any{}
			if err := json.Unmarshal([]byte(snapshot), &groups); err != nil {
				t.Fatalf("the snapshot's output: %v\n%s", err, snapshot)
			}
			if len(groups) != 7 {
				t.Fatalf("%d space groups in the snapshot, want the demo site's 7", len(groups))
			}
			writeSpaceGroups(t, c, groups)

			c.write(env.Config(withoutTerraformBlock(t, readExample(t, "guides", "adopting", "for-each", "main.tf"))))
			plan := c.mustRun("plan", "-input=false", "-no-color")
			if want := fmt.Sprintf("Plan: %d to import, 0 to add, 0 to change, 0 to destroy.", 2*len(groups)); !strings.Contains(plan, want) {
				t.Fatalf("the adoption plan does not say %q:\n%s", want, plan)
			}
			c.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
			c.expectNoChanges()

			// An edit of the file adds Alice to the readers.
			readers := groupIDByName(t, store, "eng-readers")
			alice, vera := env.AccountIDNamed(t, "Alice Anders"), env.AccountIDNamed(t, "Vera Viewer")
			groups["ENG/eng-readers"]["members"].(map[string]any)[alice] = "Alice Anders"
			writeSpaceGroups(t, c, groups)
			c.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
			if !slices.Contains(store.Members(readers), alice) {
				t.Fatal("Alice, added to space-groups.json, is not a member of eng-readers")
			}
			c.expectNoChanges()

			// Vera leaves the readers in Confluence: the plan names her, and apply puts her back.
			removeMemberInConfluence(t, env, readers, vera)
			out, err := c.run("plan", "-detailed-exitcode", "-input=false", "-no-color")
			if err == nil || !strings.Contains(out, "Vera Viewer") || !strings.Contains(out, "1 to change") {
				t.Fatalf("the plan after Vera left eng-readers in Confluence does not bring her back by name (%v):\n%s", err, out)
			}
			c.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
			if !slices.Contains(store.Members(readers), vera) {
				t.Fatal("apply did not put Vera back in eng-readers")
			}
		})
	}
}

// writeSpaceGroups writes the guide's space-groups.json into the working directory.
func writeSpaceGroups(t *testing.T, c *tfCLI, groups map[string]map[string]any) {
	t.Helper()
	data, err := json.MarshalIndent(groups, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(c.dir, "space-groups.json"), data, 0o600); err != nil {
		t.Fatal(err)
	}
}
