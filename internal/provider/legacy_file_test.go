package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/csum-tools/terraform-provider-csum/internal/legacy"
)

func TestReadExportFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.json")
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(small, []byte(`{"exportVersion": 1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(big, make([]byte, legacy.MaxSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	if data, err := readExportFile(small); err != nil || string(data) != `{"exportVersion": 1}` {
		t.Errorf("small file: %q, %v", data, err)
	}
	if _, err := readExportFile(big); err == nil || !strings.Contains(err.Error(), "larger than 10 MiB") {
		t.Errorf("big file: %v", err)
	}
	if _, err := readExportFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}
