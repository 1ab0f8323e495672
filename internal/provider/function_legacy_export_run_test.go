package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestLegacyExportFunction_run(t *testing.T) {
	ctx := context.Background()
	run := func(content string) *function.RunResponse {
		resp := &function.RunResponse{Result: function.NewResultData(types.ObjectUnknown(legacyExportAttrTypes))}
		req := function.RunRequest{Arguments: function.NewArgumentsData([]attr.Value{types.StringValue(content)})}
		newLegacyExportFunction().Run(ctx, req, resp)
		return resp
	}
	ok := run(untidyLegacy)
	if ok.Error != nil {
		t.Fatal(ok.Error)
	}
	got, isObject := ok.Result.Value().(types.Object)
	if !isObject || got.IsUnknown() || got.Attributes()["format"].String() != "1" {
		t.Errorf("result = %v", ok.Result.Value())
	}
	bad := run(`{"exportVersion": 1, "globalSettings": {"disabledUserVisibility": "blink"}}`)
	if bad.Error == nil || bad.Error.FunctionArgument == nil || *bad.Error.FunctionArgument != 0 ||
		!strings.Contains(bad.Error.Text, "/globalSettings/disabledUserVisibility") {
		t.Errorf("error = %+v, want an argument error at /globalSettings/disabledUserVisibility", bad.Error)
	}
}
