"""Access rules: Reliability and data protection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kerekasztal.core.access.roles import AUDITOR, COORDINATOR, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from kerekasztal.core.models import User

    Viewer = User | AnonymousUser


def requires_second_factor(user: Viewer) -> bool:
    """Coordinators (of any forum) and operators log in with a one-time code too."""
    from django.conf import settings

    from kerekasztal.forums.models import AccessRole, ForumAccess

    if not settings.KEREKASZTAL_REQUIRE_2FA or not user.is_authenticated:
        return False
    return bool(user.is_superuser) or ForumAccess.objects.filter(
        user=user, role=AccessRole.COORDINATOR
    ).exists()


_RULES_RELIABILITY: dict[str, frozenset[Role]] = {
    "activity.view": frozenset({COORDINATOR, AUDITOR}),
    "privacy.person.export": frozenset({COORDINATOR}),
    "privacy.person.erase": frozenset({COORDINATOR}),
}
