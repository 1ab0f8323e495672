# Every group has a role: the site can move to roles only.
data "csum_space_role" "collaborator" {
  name = "Collaborator"
}

data "csum_space_role" "viewer" {
  name = "Viewer"
}

resource "csum_space_group" "authors" {
  space_key = "ENG"
  name      = "authors"
  role_id   = data.csum_space_role.collaborator.id
}

resource "csum_space_group" "reviewers" {
  space_key = "ENG"
  name      = "reviewers"
  role_id   = data.csum_space_role.viewer.id
}
