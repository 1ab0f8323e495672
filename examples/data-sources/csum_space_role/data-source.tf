# Role IDs differ from site to site: look the role up by name (case-insensitive).
data "csum_space_role" "collaborator" {
  name = "Collaborator"
}

resource "csum_space_group" "writers" {
  space_key = "ENG"
  name      = "technical-writers"
  role_id   = data.csum_space_role.collaborator.id
}

output "collaborator_permissions" {
  value = data.csum_space_role.collaborator.permissions
}
