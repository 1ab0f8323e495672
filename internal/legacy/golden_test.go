package legacy

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .golden files in testdata from the current output")

// goldenView is what a golden file records: the result or the error, in a stable, readable JSON form.
type goldenView struct {
	Result *Result `json:",omitempty"`
	Error  *Error  `json:",omitempty"`
}

// TestGoldenSamples reads every sample file in testdata and compares what Parse makes of it with the
// reviewed expectation next to it.
func TestGoldenSamples(t *testing.T) {
	samples, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(samples) < 10 {
		t.Fatalf("expected the sample files in testdata, found %d (%v)", len(samples), err)
	}
	for _, sample := range samples {
		t.Run(filepath.Base(sample), func(t *testing.T) {
			data, err := os.ReadFile(sample)
			if err != nil {
				t.Fatal(err)
			}
			var view goldenView
			res, err := Parse(data)
			if err != nil && !errors.As(err, &view.Error) {
				t.Fatalf("Parse returned %T, want *Error", err)
			}
			view.Result = res
			got, err := json.MarshalIndent(view, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(sample, ".json") + ".golden"
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("no expectation for %s (run with -update, then review it): %v", sample, err)
			}
			if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
				t.Errorf("Parse(%s) differs from %s:\n%s", sample, golden, got)
			}
		})
	}
}
