data "csum_user" "alice" {
  query = "Alice Anders"
}

data "csum_space_role" "viewer" {
  name = "Viewer"
}

resource "csum_space_group" "reviewers" {
  space_key = "ENG"
  name      = "reviewers"
  role_id   = data.csum_space_role.viewer.id
}

# Every member of eng-reviewers, keyed by account ID; the labels are for people reading the configuration
# and the plan, and never sent to Confluence. Members added in Confluence outside Terraform show in plan,
# labelled with their display name, and are removed by apply. Do not also manage this group with
# csum_space_group_member.
resource "csum_space_group_membership" "reviewers" {
  space_key = "ENG"
  group_id  = csum_space_group.reviewers.group_id # or group_name = "eng-reviewers" for a group made elsewhere
  members = {
    (data.csum_user.alice.account_id)             = data.csum_user.alice.display_name
    "557058:1e2acc73-a1f7-53a1-b25c-5550e3e538cd" = "Bob Baker"
  }
  # From a list of account IDs: members = { for id in local.reviewer_ids : id => "" }

  timeouts {
    update = "1h" # large groups change one account per request
  }
}
