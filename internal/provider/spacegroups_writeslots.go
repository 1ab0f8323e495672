package provider

import "context"

// boundedWrites lets at most memberWorkers membership writes be in flight across the whole provider.
// Terraform applies several resources at once (-parallelism), each with its own workers; without a shared
// bound, ten memberships changing together would send 160 writes at once, far past the burst a site's rate
// limit lets through, and the writes answered 429 again and again would run out of retries.
type boundedWrites struct {
	confluenceAPI
	slots chan struct{}
}

func withBoundedWrites(c confluenceAPI) boundedWrites {
	return boundedWrites{confluenceAPI: c, slots: make(chan struct{}, memberWorkers)}
}

func (b boundedWrites) AddMember(ctx context.Context, groupID, accountID string) error {
	return b.write(ctx, func() error { return b.confluenceAPI.AddMember(ctx, groupID, accountID) })
}

func (b boundedWrites) RemoveMember(ctx context.Context, groupID, accountID string) error {
	return b.write(ctx, func() error { return b.confluenceAPI.RemoveMember(ctx, groupID, accountID) })
}

func (b boundedWrites) write(ctx context.Context, send func() error) error {
	select {
	case b.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-b.slots }()
	return send()
}
