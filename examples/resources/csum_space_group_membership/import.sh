# Take over an existing group's members: by group name or by group ID.
terraform import csum_space_group_membership.reviewers ENG/eng-reviewers
terraform import csum_space_group_membership.reviewers ENG/5f2c1e6a-0b7d-4c1e-9a51-2f0e9c3d7a10
