import {
  to = csum_space_group_membership.reviewers
  identity = {
    space_key = "ENG"
    group_id  = "5f2c1e6a-0b7d-4c1e-9a51-2f0e9c3d7a10"
  }
}
