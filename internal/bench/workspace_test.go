package bench

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// useExample swaps the configuration files, query files included, and keeps the state.
func TestUseExampleKeepsTheState(t *testing.T) {
	w := &workspace{dir: t.TempDir()}
	example := t.TempDir()
	for dir, names := range map[string][]string{w.dir: {"main.tf", "old.tf.json", "terraform.tfstate"}, example: {"main.tf", "discover.tfquery.hcl", "README.md"}} {
		for _, n := range names {
			if err := os.WriteFile(filepath.Join(dir, n), []byte(dir), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.useExample(example); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(w.dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"discover.tfquery.hcl", "main.tf", "terraform.tfstate"}; !slices.Equal(names, want) {
		t.Fatalf("the workspace holds %v, want %v", names, want)
	}
	if data, _ := os.ReadFile(filepath.Join(w.dir, "main.tf")); string(data) != example {
		t.Fatal("main.tf is not the example's")
	}
}
