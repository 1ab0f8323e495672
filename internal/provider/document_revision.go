package provider

import (
	"context"
	"strconv"
)

// revisionKey names the private state that keeps the revision of an app document seen at the last read.
const revisionKey = "revision"

// readRevision returns the document revision seen at the last read, kept in private state, or 0 when
// there is none (a create), which makes the write unconditional.
func readRevision(ctx context.Context, private privateState, diags *diagnostics) int64 {
	if private == nil {
		return 0
	}
	raw, d := private.GetKey(ctx, revisionKey)
	diags.Append(d...)
	if len(raw) == 0 {
		return 0
	}
	rev, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil {
		return 0
	}
	return rev
}

func writeRevision(ctx context.Context, private privateState, rev int64, diags *diagnostics) {
	if private == nil {
		return
	}
	diags.Append(private.SetKey(ctx, revisionKey, []byte(strconv.FormatInt(rev, 10)))...)
}
