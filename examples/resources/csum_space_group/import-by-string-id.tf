import {
  to = csum_space_group.reviewers
  id = "ENG/reviewers"
}
