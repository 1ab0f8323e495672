import {
  to = csum_space_group_membership.writers
  id = "ENG/eng-writers"
}
