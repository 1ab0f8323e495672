package legacy

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestExportJSONRoundTrip checks that the format-2 document ExportJSON writes reads back to the same
// settings and schemes, with no warnings when they keep the rules, and renders identically again.
func TestExportJSONRoundTrip(t *testing.T) {
	samples, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	read := 0
	for _, sample := range samples {
		data, _ := os.ReadFile(sample)
		first, err := Parse(data)
		if err != nil {
			continue // the invalid samples
		}
		read++
		t.Run(filepath.Base(sample), func(t *testing.T) {
			exported, err := first.ExportJSON()
			if err != nil {
				t.Fatal(err)
			}
			second, err := Parse(exported)
			if err != nil {
				t.Fatalf("ExportJSON output does not read back: %v\n%s", err, exported)
			}
			if second.Format != 2 || second.LegacyPrivilegedUserEmail != "" {
				t.Errorf("read back as format %d with email %q; want format 2 without a privileged user", second.Format, second.LegacyPrivilegedUserEmail)
			}
			if !reflect.DeepEqual(first.Settings, second.Settings) || !reflect.DeepEqual(first.PermissionSchemes, second.PermissionSchemes) {
				t.Errorf("round trip changed the documents:\nfirst  %+v %+v\nsecond %+v %+v", first.Settings, first.PermissionSchemes, second.Settings, second.PermissionSchemes)
			}
			for _, w := range second.Warnings {
				if !strings.Contains(w.Message, "refuses") {
					t.Errorf("unexpected warning reading the export back: %s", w)
				}
			}
			again, _ := second.ExportJSON()
			if !bytes.Equal(exported, again) {
				t.Errorf("export is not stable:\n%s\n%s", exported, again)
			}
		})
	}
	if read < 5 {
		t.Fatalf("only %d valid samples in testdata", read)
	}
}

func TestExportJSONOfAZeroResultIsAValidDocument(t *testing.T) {
	out, err := (&Result{}).ExportJSON()
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(out, []byte("null,")) || !bytes.Contains(out, []byte(`"formatVersion": 2`)) {
		t.Fatalf("want format 2 with empty lists rather than null:\n%s", out)
	}
	if _, err := Parse(out); err != nil {
		t.Fatalf("ExportJSON of a zero result does not read back: %v", err)
	}
}
