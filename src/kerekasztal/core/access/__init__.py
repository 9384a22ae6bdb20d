"""Every permission decision of the platform, in one place.

Roles are per forum (see DESIGN.md): coordinator, member (a representative of a
participating member organisation), settlement officer (for one settlement), auditor
(read only). The operator is the Django superuser: /admin/ and creating forums.
Anonymous visitors see only what a forum publishes.

Views call the helpers below; they return the object or raise Http404 / PermissionDenied.
Views never fetch a protected object with a bare `.objects.get()`. The access matrix test
(tests/access_matrix/) walks every URL for every role.
"""

from kerekasztal.core.access.agreements import *  # noqa: F403
from kerekasztal.core.access.agreements import _RULES_AGREEMENTS
from kerekasztal.core.access.directory import *  # noqa: F403
from kerekasztal.core.access.directory import _RULES_DIRECTORY
from kerekasztal.core.access.events import *  # noqa: F403
from kerekasztal.core.access.events import _RULES_EVENTS
from kerekasztal.core.access.exports import *  # noqa: F403
from kerekasztal.core.access.forums import *  # noqa: F403
from kerekasztal.core.access.forums import _RULES_FORUMS
from kerekasztal.core.access.imports import *  # noqa: F403
from kerekasztal.core.access.mail import *  # noqa: F403
from kerekasztal.core.access.mail import _RULES_MAIL
from kerekasztal.core.access.meetings import *  # noqa: F403
from kerekasztal.core.access.meetings import _RULES_MEETINGS
from kerekasztal.core.access.plans import *  # noqa: F403
from kerekasztal.core.access.plans import _RULES_PLANS
from kerekasztal.core.access.projects import *  # noqa: F403
from kerekasztal.core.access.projects import _RULES_PROJECTS
from kerekasztal.core.access.publishing import *  # noqa: F403
from kerekasztal.core.access.publishing import _RULES_PUBLISHING
from kerekasztal.core.access.reliability import *  # noqa: F403
from kerekasztal.core.access.reliability import _RULES_RELIABILITY
from kerekasztal.core.access.roles import *  # noqa: F403
from kerekasztal.core.access.roles import RULES
from kerekasztal.core.access.servicemap import *  # noqa: F403
from kerekasztal.core.access.servicemap import _RULES_SERVICEMAP

RULES.update({
    **_RULES_FORUMS,
    **_RULES_DIRECTORY,
    **_RULES_MEETINGS,
    **_RULES_EVENTS,
    **_RULES_AGREEMENTS,
    **_RULES_PLANS,
    **_RULES_SERVICEMAP,
    **_RULES_PROJECTS,
    **_RULES_PUBLISHING,
    **_RULES_RELIABILITY,
    **_RULES_MAIL,
})
