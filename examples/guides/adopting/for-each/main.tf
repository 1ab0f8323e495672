# The space groups of the site as data: space-groups.json, written by the snapshot configuration, is from
# now on what the team edits to change a group's access or members.
locals {
  space_groups = jsondecode(file("${path.module}/space-groups.json"))
  # What for_each walks: each group without its members. Terraform handles the whole for_each value once
  # for every instance, so walking the members too would make a plan of 800 groups minutes long.
  groups = { for key, g in local.space_groups : key => { for k, v in g : k => v if k != "members" } }
}

resource "csum_space_group" "this" {
  for_each  = local.groups
  space_key = each.value.space_key
  name      = each.value.name
  # A group holds a role, or (on a site that still uses them) individual permissions.
  role_id     = each.value.role_id
  permissions = each.value.role_id == null ? each.value.permissions : null
}

resource "csum_space_group_membership" "this" {
  for_each   = local.groups
  space_key  = each.value.space_key
  group_name = each.value.group_name
  members    = local.space_groups[each.key].members
  # A group added to the file is created before its members are added.
  depends_on = [csum_space_group.this]
}

# One import block per resource type adopts every group: Terraform 1.7+ and OpenTofu 1.7+. Delete them
# once applied: a group added to the file afterwards (with no group_id) is to be created, not imported.
import {
  for_each = local.groups
  to       = csum_space_group.this[each.key]
  id       = "${each.value.space_key}/${each.value.group_id}"
}

import {
  for_each = local.groups
  to       = csum_space_group_membership.this[each.key]
  id       = "${each.value.space_key}/${each.value.group_id}"
}
