import {
  to = csum_space_group.writers
  id = "ENG/writers"
}
