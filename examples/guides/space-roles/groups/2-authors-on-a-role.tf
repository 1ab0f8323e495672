# One group moves: the authors get the Collaborator role instead of their permissions. The reviewers keep
# theirs for now.
data "csum_space_role" "collaborator" {
  name = "Collaborator"
}

resource "csum_space_group" "authors" {
  space_key = "ENG"
  name      = "authors"
  role_id   = data.csum_space_role.collaborator.id
}

resource "csum_space_group" "reviewers" {
  space_key   = "ENG"
  name        = "reviewers"
  permissions = ["read/space", "create/comment"]
}
