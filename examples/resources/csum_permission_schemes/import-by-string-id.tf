import {
  to = csum_permission_schemes.this
  id = "permission-schemes"
}
