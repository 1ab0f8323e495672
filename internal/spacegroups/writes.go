package spacegroups

import "context"

// AddMember adds an account to a group within the provider-wide bound on membership writes.
//
// Terraform applies several resources at once (-parallelism), each with its own workers; without a shared
// bound, ten memberships changing together would send 160 writes at once, far past the burst a site's rate
// limit lets through, and the writes answered 429 again and again would run out of retries.
func (s *Site) AddMember(ctx context.Context, c MemberWriter, groupID, accountID string) error {
	return s.write(ctx, func() error { return c.AddMember(ctx, groupID, accountID) })
}

// RemoveMember removes an account from a group within the provider-wide bound on membership writes.
func (s *Site) RemoveMember(ctx context.Context, c MemberWriter, groupID, accountID string) error {
	return s.write(ctx, func() error { return c.RemoveMember(ctx, groupID, accountID) })
}

func (s *Site) write(ctx context.Context, send func() error) error {
	if err := s.writes.Acquire(ctx, 1); err != nil {
		return err
	}
	defer s.writes.Release(1)
	return send()
}
