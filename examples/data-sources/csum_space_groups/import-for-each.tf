# Every group of two spaces under Terraform with one import block (Terraform 1.7+, OpenTofu 1.7+).
# Leave out space_keys to take every space the caller can see.
data "csum_space_groups" "adopted" {
  space_keys = ["ENG", "OPS"]
}

resource "csum_space_group" "this" {
  for_each  = data.csum_space_groups.adopted.by_key
  space_key = each.value.space_key
  name      = each.value.name
  role_id   = each.value.role_id # on a site that still uses permissions: permissions = each.value.permissions
}

import {
  for_each = data.csum_space_groups.adopted.by_key
  to       = csum_space_group.this[each.key]
  id       = each.key # SPACEKEY/<group name>, an import ID of csum_space_group
}
