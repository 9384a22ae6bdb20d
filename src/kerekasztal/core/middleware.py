from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LanguageMiddleware:
    """Hungarian unless the visitor chose another language with the switch (a cookie).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is not used: the
    interface is Hungarian first, whatever language the visitor's computer speaks.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in self.languages:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose announced body is larger than any upload we accept (413),
    before Django reads it: a 1 GB Content-Length never reaches the disk or the memory.
    The reverse proxy should enforce the same limit (README, deployment)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            from django.http import HttpResponse

            return HttpResponse(
                "A kérés túl nagy. / Request too large.", status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class SessionIdleTimeoutMiddleware:
    """Log out a session that has been idle longer than SESSION_IDLE_SECONDS, or that began
    more than SESSION_COOKIE_AGE ago however active it was (saving the session on activity
    would otherwise push its expiry on for ever)."""

    KEY = "_last_seen"
    START = "_started"

    @classmethod
    def stamp(cls, sender, request, user, **kwargs):
        """On login (a `user_logged_in` receiver): the session starts now, with no extra
        write on the first request."""
        import time

        if request is not None and hasattr(request, "session"):
            now = int(time.time())
            request.session[cls.START] = now
            request.session[cls.KEY] = now

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.contrib.auth import logout

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            started = request.session.setdefault(self.START, now)
            if (last is not None and now - last > settings.SESSION_IDLE_SECONDS) or (
                now - started > settings.SESSION_COOKIE_AGE
            ):
                logout(request)
            elif last is None or now - last > 60:
                request.session[self.KEY] = now
        return self.get_response(request)
