data "csum_space_roles" "site" {}

# The site's space access mode: PRE_ROLES, ROLES_TRANSITION or ROLES.
output "space_access_mode" {
  value = data.csum_space_roles.site.mode
}

output "role_names" {
  value = [for role in data.csum_space_roles.site.roles : role.name]
}
