import {
  to = csum_space_group_member.maya_oncall
  identity = {
    space_key  = "OPS"
    group_id   = "360ce4ba-37ba-5db3-8564-e3903ca63ac4"
    account_id = "557058:4dc5c6f4-6fcc-5ae2-98e7-51d6709e050f"
  }
}
