import {
  to = csum_space_group_membership.reviewers
  id = "ENG/eng-reviewers"
}
