# By the name within the space (as in `name`), by the full group name, or by group ID.
terraform import csum_space_group.reviewers ENG/reviewers
terraform import csum_space_group.reviewers ENG/eng-reviewers
terraform import csum_space_group.reviewers ENG/5f2c1e6a-0b7d-4c1e-9a51-2f0e9c3d7a10
