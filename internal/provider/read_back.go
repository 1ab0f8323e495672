package provider

import (
	"context"
	"errors"

	"github.com/csum-tools/terraform-provider-csum/internal/httpx"
	"github.com/csum-tools/terraform-provider-csum/internal/spacegroups"
)

// readBack resolves a write whose answer was lost (err is an *httpx.OutcomeUnknownError): it reads the
// document again and returns it when it holds what was written, as if the write had answered. Any other
// error, a failed read or a document that differs leaves err standing. The write is never sent again.
func readBack[T any](ctx context.Context, err error, read func(context.Context) (T, int64, error), written func(T) bool) (T, int64, error) {
	var zero T
	var unknown *httpx.OutcomeUnknownError
	if !errors.As(err, &unknown) {
		return zero, 0, err
	}
	readCtx, cancel := spacegroups.Settling(ctx)
	defer cancel()
	got, rev, readErr := read(readCtx)
	if readErr != nil || !written(got) {
		return zero, 0, err
	}
	return got, rev, nil
}
