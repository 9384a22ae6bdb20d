from ninja.security import HttpBearer

from .models import ApiToken


class TokenAuth(HttpBearer):
    """Authorization: Bearer <token> with a per-user, revocable API token."""

    def authenticate(self, request, token):
        user = ApiToken.authenticate(token)
        if user is not None:
            request.user = user
        return user
