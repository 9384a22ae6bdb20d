"""The author of a change, for django-simple-history's historical records."""

from typing import Any

from kerekasztal.core.models import User


def set_history_user(instance: Any, user: User | None) -> None:
    """Record `user` as the author of the next save or delete of `instance`.

    django-simple-history reads the instance's `_history_user` attribute (set here, as the
    services run outside a request); without a user the record has no author."""
    if user is not None and user.is_authenticated:
        instance._history_user = user
