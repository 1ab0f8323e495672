import {
  to = csum_space_group_member.maya_oncall
  id = "OPS/ops-oncall/557058:4dc5c6f4-6fcc-5ae2-98e7-51d6709e050f"
}
