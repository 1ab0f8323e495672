package provider_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// exampleConfig joins an example's .tf files, leaving out versions.tf (its required_providers source and
// credential-less provider block are for real use; the test serves the provider in-process and configures
// it for the sandbox). path.module becomes dataDir, where the example's data files are.
func exampleConfig(t *testing.T, dir, dataDir string) string {
	t.Helper()
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no .tf files in %s: %v", dir, err)
	}
	sort.Strings(files)
	var b strings.Builder
	for _, f := range files {
		if filepath.Base(f) == "versions.tf" {
			continue
		}
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(strings.ReplaceAll(string(text), "${path.module}", abs))
		b.WriteString("\n")
	}
	return b.String()
}
