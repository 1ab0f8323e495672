# What the site offers, and which role could replace the permissions of each group of ENG. It only reads:
# run it in a directory of its own, with the same provider settings, whenever you want to see where the move
# stands.
data "csum_space_roles" "site" {}

data "csum_space_groups" "eng" {
  space_key = "ENG"
}

locals {
  # For each group of ENG with individual permissions: the roles that grant at least those permissions, each
  # with the permissions it would add.
  covering_roles = {
    for g in data.csum_space_groups.eng.groups : g.name => {
      for r in data.csum_space_roles.site.roles : r.name => sort(setsubtract(r.permissions, g.permissions))
      if length(setsubtract(g.permissions, r.permissions)) == 0
    } if length(g.permissions) > 0
  }
}

# PRE_ROLES, ROLES_TRANSITION or ROLES.
output "space_access_mode" {
  value = data.csum_space_roles.site.mode
}

# The closest role for each group with individual permissions: the covering role that adds the fewest
# permissions, and what it adds; null when no role grants all of the group's permissions.
output "closest_roles" {
  value = {
    for group, roles in local.covering_roles : group => length(roles) == 0 ? null : [
      for name, adds in roles : { role = name, adds = adds }
      if length(adds) == min([for a in values(roles) : length(a)]...)
    ][0]
  }
}
