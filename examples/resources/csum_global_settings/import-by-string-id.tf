import {
  to = csum_global_settings.this
  id = "global"
}
