import {
  to = csum_privileged_user.this
  id = "privileged-user"
}
