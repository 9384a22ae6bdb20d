"""Accounts: logging in (password with lock-out, then a second factor), recovery codes,
password reset and change, inviting people to log in."""
