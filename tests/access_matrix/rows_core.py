from . import LOGIN, OK, Row, logged_in, operator_only, public

ROWS = [
    Row("core:about_data", lambda w: {}, public()),
    Row("core:privacy", lambda w: {}, public()),
    Row("core:login", lambda w: {}, public()),
    Row("core:logout", lambda w: {}, public(), method="POST"),
    Row("core:account", lambda w: {}, logged_in()),
    Row("core:password_change", lambda w: {}, logged_in()),
    Row("core:password_reset", lambda w: {}, public()),
    Row("core:password_reset_done", lambda w: {}, public()),
    Row("core:password_reset_confirm", lambda w: {"uidb64": "MQ", "token": "bad-token"},
        public()),
    Row("core:password_reset_complete", lambda w: {}, public()),
    Row("set_language", lambda w: {}, public(), method="POST",
        data=lambda w: {"language": "en", "next": "/"}),
    Row("admin:index", lambda w: {}, operator_only()),
    Row("admin:forums_forum_changelist", lambda w: {}, operator_only()),
]

# Login pages redirect an already logged-in user away: still OK.
assert ROWS[3].expect["coordinator"] is OK and LOGIN
