# Maya joins the on-call rota in ops-oncall; the group's other members are left alone.
resource "csum_space_group_member" "maya_oncall" {
  space_key  = "OPS"
  group_name = "ops-oncall"
  account_id = "557058:4dc5c6f4-6fcc-5ae2-98e7-51d6709e050f"
}
