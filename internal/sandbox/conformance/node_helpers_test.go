package conformance

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// minNodeMajor is the oldest Node.js the check is known to run on. confluence.js 3.2.0 declares Node.js 22,
// but it uses nothing that Node.js 20, the nodejs of Debian 13, lacks, and the check passes on 20.
const minNodeMajor = 20

const installHint = "install Node.js 20 or newer and npm (Debian: apt-get install nodejs npm)"

// prepareCheck skips in -short runs and without Node.js, installs confluence.js when needed, and returns the
// path of node.
func prepareCheck(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("installs and runs confluence.js with Node.js; not in -short runs")
	}
	node := requireNode(t)
	installModules(t, checkDir(t))
	return node
}

// runCheck runs check.mjs against the site at siteURL and returns its output.
func runCheck(t *testing.T, node, siteURL, email, token string) ([]byte, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "check.mjs")
	cmd.Dir = checkDir(t)
	cmd.Env = append(os.Environ(),
		"CONFLUENCE_URL="+siteURL,
		"CONFLUENCE_EMAIL="+email,
		"CONFLUENCE_API_TOKEN="+token,
	)
	return cmd.CombinedOutput()
}

// checkDir is the Node.js project that holds check.mjs.
func checkDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("confluencejs")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// requireNode returns the path of node, skipping the test when node or npm is missing or node is too old.
func requireNode(t *testing.T) string {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH: " + installHint)
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("npm is not on PATH: " + installHint)
	}
	out, err := exec.Command(node, "--version").Output()
	if err != nil {
		t.Fatalf("node --version: %v", err)
	}
	version := strings.TrimSpace(string(out))
	major, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(version, "v"), ".", 2)[0])
	if err != nil {
		t.Fatalf("node --version answered %q", version)
	}
	if major < minNodeMajor {
		t.Skipf("node is %s: %s", version, installHint)
	}
	return node
}

// installModules runs npm ci in dir unless node_modules is at least as new as package.json and the lockfile,
// so that repeated runs stay off the network. node_modules is git-ignored.
func installModules(t *testing.T, dir string) {
	t.Helper()
	if modulesCurrent(t, dir) {
		return
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	// engine-strict is off because confluence.js declares a newer Node.js than it needs (see minNodeMajor).
	// Audit, fund, the update check and install scripts could reach past the registry's package downloads.
	cmd := exec.CommandContext(ctx, "npm", "ci", "--no-audit", "--no-fund", "--engine-strict=false",
		"--update-notifier=false", "--ignore-scripts")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in %s: %v\n%s", dir, err, out)
	}
}

// modulesCurrent reports whether npm's record of the installed tree, node_modules/.package-lock.json, was
// written after package.json and package-lock.json last changed.
func modulesCurrent(t *testing.T, dir string) bool {
	t.Helper()
	installed, err := os.Stat(filepath.Join(dir, "node_modules", ".package-lock.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return false
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"package.json", "package-lock.json"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.ModTime().After(installed.ModTime()) {
			return false
		}
	}
	return true
}
