# The space groups of the site as data: space-groups.json, written by the snapshot configuration, is from
# now on what the team edits to change a group's access or members.
locals {
  space_groups = jsondecode(file("${path.module}/space-groups.json"))
}

resource "csum_space_group" "this" {
  for_each  = local.space_groups
  space_key = each.value.space_key
  name      = each.value.name
  # A group holds a role, or (on a site that still uses them) individual permissions.
  role_id     = each.value.role_id
  permissions = each.value.role_id == null ? each.value.permissions : null
}

resource "csum_space_group_membership" "this" {
  for_each  = local.space_groups
  space_key = each.value.space_key
  group_id  = csum_space_group.this[each.key].group_id
  members   = each.value.members
}

# One import block per resource type adopts every group: Terraform 1.7+ and OpenTofu 1.7+. Once applied,
# they may be deleted.
import {
  for_each = local.space_groups
  to       = csum_space_group.this[each.key]
  id       = "${each.value.space_key}/${each.value.group_id}"
}

import {
  for_each = local.space_groups
  to       = csum_space_group_membership.this[each.key]
  id       = "${each.value.space_key}/${each.value.group_id}"
}
