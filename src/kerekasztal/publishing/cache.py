"""Public pages cached per forum.

Every forum has a version number in the cache; a page's key contains it, so a change of
the forum's content (one post_save / post_delete receiver, `changed`) makes every cached
page of that forum stale at once without deleting anything. Pages are rebuilt one by one
as visitors ask for them: the first visitor after a change waits for one page's render at
most. While one request renders a page (a short lock), others get the last good copy
instead of rendering it too (no stampede).

Only anonymous GET requests are cached; the CSRF token of the language switch is replaced
per request, so visitors never share one.
"""

import functools
import hashlib
import re
import time

from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils import translation

TIMEOUT = 60 * 60 * 6
LOCK_SECONDS = 30
CSRF_MARKER = "__kerekasztal_csrf_token__"


def _version_key(slug: str) -> str:
    return f"publishing:version:{slug}"


def forum_version(slug: str) -> int:
    key = _version_key(slug)
    version = cache.get(key)
    if version is None:
        cache.add(key, time.time_ns(), None)
        version = cache.get(key, 0)
    return version


def bump(slug: str) -> None:
    try:
        cache.incr(_version_key(slug))
    except ValueError:
        cache.set(_version_key(slug), time.time_ns(), None)


def _keys(request, slug: str) -> tuple[str, str, str]:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    base = f"{slug}:{translation.get_language()}:{digest}"
    return (f"publishing:page:{forum_version(slug)}:{base}", f"publishing:stale:{base}",
            f"publishing:lock:{base}")


# Query parameters the cached pages understand; any other makes the request uncached, so
# random query strings cannot fill the cache.
KNOWN_PARAMETERS = {"page", "kind", "language", "county", "q",
                    # the public events calendar's view and filters
                    "view", "month", "past", "topic", "target_group", "settlement"}


def _cacheable(request) -> bool:
    messages = getattr(request, "_messages", None)
    return (request.method in ("GET", "HEAD") and not request.user.is_authenticated
            and set(request.GET) <= KNOWN_PARAMETERS
            and not (messages is not None and len(messages)))


def _serve(request, stored):
    status, headers, content = stored
    from django.http import HttpResponse

    if CSRF_MARKER.encode() in content:  # a page with a form: this visitor's own token
        content = content.replace(CSRF_MARKER.encode(), get_token(request).encode())
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _store(request, response):
    token = request.META.get("CSRF_COOKIE")
    content = response.content
    if token:
        # Any masked form of the token: replace those rendered into this page.
        content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"',
                         f'name="csrfmiddlewaretoken" value="{CSRF_MARKER}"'.encode(), content)
    headers = [(name, value) for name, value in response.items()
               if name.lower() in ("content-type", "content-language", "link",
                                   "content-disposition")]
    return (response.status_code, headers, content)


def cached_public(view=None, *, max_age: int | None = None):
    """Cache a public view whose first argument after the request is the forum slug.
    `max_age` bounds how long a copy is kept when the page also changes with time (the
    events calendar: an event that has ended leaves the list without any record changing).
    Use as `@cached_public` or `@cached_public(max_age=300)`."""
    if view is None:
        return functools.partial(cached_public, max_age=max_age)

    @functools.wraps(view)
    def wrapper(request, forum, *args, **kwargs):
        if not _cacheable(request):
            return view(request, forum, *args, **kwargs)
        key, stale_key, lock_key = _keys(request, forum)
        stored = cache.get(key)
        if stored is not None:
            return _serve(request, stored)
        if not cache.add(lock_key, 1, LOCK_SECONDS):
            stale = cache.get(stale_key)
            if stale is not None:
                return _serve(request, stale)
        try:
            response = view(request, forum, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                    response.render()
                stored = _store(request, response)
                timeout = _timeout(forum)
                if max_age is not None:
                    timeout = min(timeout, max_age)
                cache.set(key, stored, timeout)
                cache.set(stale_key, stored, TIMEOUT)
                response["X-Page-Cache"] = "miss"
            return response
        finally:
            cache.delete(lock_key)

    return wrapper


# --- the JSON API's anonymous reads ---------------------------------------------------------

# A list that is not about one forum (every forum, the service types) also shows records
# that belong to no forum (reference data), whose changes bump no version: kept this long.
API_PLATFORM_MAX_AGE = 300
_SLUG = re.compile(r"[-\w]{1,100}")
API_HEADERS = ("content-type", "content-language", "content-disposition", "link")


def _api_scope(request, kwargs) -> tuple[str, int | None]:
    """(forum slug or "__platform__", max age) of an anonymous API read: a forum's own data
    (`/forums/<slug>/…`, `?forum=<slug>`) follows that forum's version."""
    slug = str(kwargs.get("slug") or request.GET.get("forum", ""))
    if not _SLUG.fullmatch(slug):
        return "__platform__", API_PLATFORM_MAX_AGE
    return slug, None


def _api_key(request, slug: str, version) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"publishing:api:{slug}:{version}:{translation.get_language()}:{digest}"


def _api_version(slug: str, *, create: bool):
    """The version in the key; made only for a forum that exists, so slugs made up in query
    strings leave nothing in the cache."""
    if not create:
        return cache.get(_version_key(slug))
    if slug != "__platform__":
        from kerekasztal.forums.models import Forum

        if not Forum.objects.filter(slug=slug).exists():
            return None
    return forum_version(slug)


def _api_cacheable(request) -> bool:
    return (request.method in ("GET", "HEAD") and "Authorization" not in request.headers
            and not request.user.is_authenticated)


def _private(response) -> bool:
    """An answer the view marked as not for shared caches, or that sets a cookie."""
    control = response.get("Cache-Control", "").lower()
    return "private" in control or "no-store" in control or bool(response.cookies)


def cached_api(view):
    """Cache the anonymous GET answers of an API view (a django-ninja URL callback). The
    answer of anyone logged in or sending a token is neither served from nor put into the
    cache, so what only members may read never reaches an anonymous copy. The per-address
    limit (core/throttle.AnonymousThrottle) still counts every request served from it."""
    from kerekasztal.core.throttle import AnonymousThrottle

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _api_cacheable(request):
            return view(request, *args, **kwargs)
        slug, max_age = _api_scope(request, kwargs)
        version = _api_version(slug, create=False)
        stored = cache.get(_api_key(request, slug, version)) if version is not None else None
        if stored is not None and AnonymousThrottle().allow_request(request):
            status, headers, content = stored
            from django.http import HttpResponse

            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if (stored is None and response.status_code == 200 and not response.streaming
                and not _private(response)
                and (version := _api_version(slug, create=True)) is not None):
            key = _api_key(request, slug, version)
            timeout = _timeout(slug)
            if max_age is not None:
                timeout = min(timeout, max_age)
            cache.set(key, (200, [(name, value) for name, value in response.items()
                                  if name.lower() in API_HEADERS], response.content), timeout)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper


def _timeout(slug: str) -> int:
    """Until the next scheduled post of the forum (of any forum on the platform's pages)
    appears by itself, at most TIMEOUT: a scheduled post shows on time."""
    from django.utils import timezone

    from .models import Post, PostStatus

    now = timezone.now()
    upcoming = Post.objects.filter(status=PostStatus.PUBLISHED, publish_at__gt=now)
    if not slug.startswith("__"):
        upcoming = upcoming.filter(forum__slug=slug)
    first = upcoming.order_by("publish_at").values_list("publish_at", flat=True).first()
    if first is None:
        return TIMEOUT
    return max(1, min(TIMEOUT, int((first - now).total_seconds()) + 1))


# --- invalidation -------------------------------------------------------------------------

SKIP_MODELS = {"searchentry", "searchstate", "session", "importbatch", "maildelivery",
               "exportjob"}


# forum id → slug, filled as forums are saved or looked up, so that most changes need no
# query to find the forum's cache version.
_SLUGS: dict[int, str] = {}


def _forum_key(instance) -> tuple[int, str] | None:
    """(id, slug) of the forum a changed record belongs to."""
    from kerekasztal.forums.models import Forum

    if isinstance(instance, Forum):
        previous = _SLUGS.get(instance.pk)
        if previous and previous != instance.slug:
            bump(previous)  # the pages under the old address are gone
        _SLUGS[instance.pk] = instance.slug
        return instance.pk, instance.slug
    path = getattr(type(instance), "forum_path", None)
    if path:
        target = instance
        for part in path.split("__"):
            target = getattr(target, part, None)
            if target is None:
                return None
        return target.pk, target.slug
    forum_id = getattr(instance, "forum_id", None)
    if not forum_id:
        return None
    cached = instance._state.fields_cache.get("forum")
    if cached is not None:
        _SLUGS[forum_id] = cached.slug
    if forum_id not in _SLUGS:
        slug = Forum.objects.filter(pk=forum_id).values_list("slug", flat=True).first()
        if slug is None:
            return None
        _SLUGS[forum_id] = slug
    return forum_id, _SLUGS[forum_id]


def changed(sender, instance, **kwargs):
    """post_save / post_delete of any model: the forum's pages and search entries are stale."""
    meta = sender._meta
    if meta.model_name in SKIP_MODELS or meta.model_name.startswith("historical"):
        return
    if not (hasattr(instance, "forum_id") or getattr(sender, "forum_path", None)
            or meta.label == "forums.Forum"):
        return
    try:
        key = _forum_key(instance)
    except Exception:  # noqa: BLE001 - a half-deleted parent: nothing left to invalidate
        return
    if key is None:
        return
    from .search import mark_dirty

    forum_id, slug = key
    bump(slug)
    bump("__platform__")
    if not kwargs.get("raw"):  # a fixture being loaded (restore) brings its own search state
        mark_dirty(forum_id)
