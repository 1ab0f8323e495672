# A first configuration, on a site that manages space access with roles, as every new Confluence site does:
# a space group of ENG with the Collaborator role, and its members. app.tf configures the CSUM app itself.
# `make demo` applies it against the sandbox.

# Role IDs differ from site to site: find the role by name.
data "csum_space_role" "collaborator" {
  name = "Collaborator"
}

# The group eng-docs (under the app's default pattern SPACEKEY-), whose members may write in ENG.
resource "csum_space_group" "docs" {
  space_key = "ENG"
  name      = "docs"
  role_id   = data.csum_space_role.collaborator.id
}

data "csum_user" "alice" {
  query = "Alice Anders"
}

data "csum_user" "bob" {
  query = "Bob Baker"
}

# Every member of eng-docs: anyone added in Confluence outside Terraform shows in plan, and apply removes them.
resource "csum_space_group_membership" "docs" {
  space_key = "ENG"
  group_id  = csum_space_group.docs.group_id
  members = {
    (data.csum_user.alice.account_id) = data.csum_user.alice.display_name
    (data.csum_user.bob.account_id)   = data.csum_user.bob.display_name
  }
}

output "docs_group_id" {
  value = csum_space_group.docs.group_id
}

output "docs_group" {
  value = "${csum_space_group.docs.group_name} in ENG: ${data.csum_space_role.collaborator.name}, ${length(csum_space_group_membership.docs.members)} members"
}
