package legacy

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// FuzzParse checks that Parse never panics, and that whatever it reads exports and reads back unchanged.
func FuzzParse(f *testing.F) {
	samples, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, sample := range samples {
		data, err := os.ReadFile(sample)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(data)
		if err != nil {
			if res != nil {
				t.Fatal("a result came with an error")
			}
			return
		}
		out, err := res.ExportJSON()
		if err != nil {
			t.Fatalf("ExportJSON failed after Parse succeeded: %v", err)
		}
		back, err := Parse(out)
		if err != nil {
			t.Fatalf("ExportJSON output does not read back: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(back.Settings, res.Settings) || !reflect.DeepEqual(back.PermissionSchemes, res.PermissionSchemes) {
			t.Fatalf("round trip changed the documents:\n%s", out)
		}
	})
}
