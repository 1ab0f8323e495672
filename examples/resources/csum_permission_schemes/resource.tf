data "csum_user" "carla" {
  query = "Carla Chen"
}

resource "csum_permission_schemes" "this" {
  # What every space admin may do.
  default_operations = ["CREATE_GROUP", "ADD_MEMBERS", "REMOVE_MEMBERS"]

  # Extra operations for one account, keyed by account ID.
  user_schemes = {
    (data.csum_user.carla.account_id) = ["DELETE_GROUP", "RENAME_GROUP"]
  }

  # Extra operations for the members of a group, keyed by group ID (eng-leads here; a group managed in the
  # same configuration would be csum_space_group.<name>.group_id).
  group_schemes = {
    "ac5da8e3-b5b7-528e-b5e7-0547412ee222" = ["MANAGE_SPACE_PERMISSIONS"]
  }
}
