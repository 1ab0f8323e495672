package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// Small shapes of the framework's request and response types, so one helper serves create and update.
type (
	diagnostics = diag.Diagnostics
	getter      func(ctx context.Context, target any) diag.Diagnostics
	stateSetter interface {
		Set(ctx context.Context, val any) diag.Diagnostics
	}
	privateState interface {
		GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
		SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
	}
)
