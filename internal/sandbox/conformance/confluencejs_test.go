package conformance

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/csum-tools/terraform-provider-csum/internal/acctest"
)

// TestConfluenceJS runs confluencejs/check.mjs against a sandbox: confluence.js reads spaces, the role
// catalogue, role assignments, groups and users, assigns a role and removes it, and fails on any response its
// schemas reject. Node.js reaches only the sandbox on loopback; npm reaches the registry only when
// confluencejs/node_modules is missing or older than the lockfile.
func TestConfluenceJS(t *testing.T) {
	if testing.Short() {
		t.Skip("installs and runs confluence.js with Node.js; not in -short runs")
	}
	node := requireNode(t)
	dir, err := filepath.Abs("confluencejs")
	if err != nil {
		t.Fatal(err)
	}
	installModules(t, dir)

	env := acctest.StartSandbox(t)
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "check.mjs")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"CONFLUENCE_URL="+env.Sandbox.URL(),
		"CONFLUENCE_EMAIL="+acctest.AdminEmail,
		"CONFLUENCE_API_TOKEN="+acctest.AdminToken,
	)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node check.mjs: %v\n%s", err, out)
	}
	t.Logf("node check.mjs:\n%s", out)
}
