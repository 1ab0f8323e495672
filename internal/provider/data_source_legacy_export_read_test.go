package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestLegacyExportRead_warningsBecomeDiagnosticsAndContentIsNotKept(t *testing.T) {
	resp, state := readLegacyExport(t, untidyLegacy)
	if resp.Diagnostics.HasError() {
		t.Fatalf("errors: %v", resp.Diagnostics)
	}
	if !state["content"].IsNull() {
		t.Error("content is kept in state")
	}
	var listed []tftypes.Value
	if err := state["warnings"].As(&listed); err != nil {
		t.Fatal(err)
	}
	warnings := resp.Diagnostics.Warnings()
	if len(warnings) == 0 || len(warnings) != len(listed) {
		t.Fatalf("%d warning diagnostics for %d listed warnings", len(warnings), len(listed))
	}
	for i, w := range warnings {
		var text string
		_ = listed[i].As(&text)
		wp, ok := w.(diag.DiagnosticWithPath)
		if !ok || !wp.Path().Equal(path.Root("content")) || w.Detail() != text {
			t.Errorf("warning %d: %q at %v, want %q on content", i, w.Detail(), wp, text)
		}
	}
}

func TestLegacyExportRead_errorOnContent(t *testing.T) {
	resp, _ := readLegacyExport(t, `{"exportVersion": 1, "permissions": {"defaultSpaceAdmin": {"createGroup": "maybe"}}}`)
	errs := resp.Diagnostics.Errors()
	if len(errs) != 1 {
		t.Fatalf("want one error, got %v", resp.Diagnostics)
	}
	wp, ok := errs[0].(diag.DiagnosticWithPath)
	if !ok || !wp.Path().Equal(path.Root("content")) || !strings.Contains(errs[0].Detail(), "/permissions/defaultSpaceAdmin/createGroup") {
		t.Errorf("error %q is not on content with the JSON path", errs[0].Detail())
	}
}
