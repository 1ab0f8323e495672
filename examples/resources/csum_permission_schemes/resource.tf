resource "csum_permission_schemes" "this" {
  default_operations = ["CREATE_GROUP", "ADD_MEMBERS", "REMOVE_MEMBERS"]

  user_schemes = {
    "557058:0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b" = ["DELETE_GROUP", "RENAME_GROUP"]
  }

  group_schemes = {
    "5f2c1e6a-0b7d-4c1e-9a51-2f0e9c3d7a10" = ["MANAGE_SPACE_PERMISSIONS"]
  }
}
