"""Full-text search over the public records of `core.contracts.public_sources()`.

The index (`SearchEntry`) holds one row per public record. On PostgreSQL the query uses the
`hungarian` text search configuration (stemming, ranking, highlighted excerpts); elsewhere
(SQLite) the same Snowball Hungarian stemmer (`snowballstemmer`, the algorithm behind
PostgreSQL's `hungarian` configuration) and accent folding give a working fallback:
"fogyatékkal élők" finds "fogyatékkal élőket".

A forum's part of the index is rebuilt by a task (`reindex_forum_task`, core/tasks.py) after
a change of its content commits (`mark_dirty`, called by the publishing app's change
receiver), never inside a page request; pages only queue it (`ensure_fresh`), e.g. when a
scheduled post has appeared. `SearchState.queued_at` lets one task at a time be queued per
forum, and the task locks the forum's state row, so two rebuilds of one forum never run at
once. `kerekasztal reindex_search` rebuilds everything at once.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

import snowballstemmer
from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_tasks import task

from kerekasztal.core.contracts import public_sources
from kerekasztal.core.tasks import enqueue

from .models import SearchEntry, SearchState

MIN_STEM = 3  # a shorter stem would match too much: the folded word is used instead
_STEMMER = snowballstemmer.stemmer("hungarian")
SNIPPET_WORDS = 30


def _fold_char(char: str) -> str:
    if not char.isalnum():
        return " "
    return (unicodedata.normalize("NFKD", char)[:1] or " ").lower()[:1] or " "


def fold(text: str) -> str:
    """Lower case without accents, punctuation as spaces; the same length as `text`."""
    return "".join(_fold_char(char) for char in text)


def stem(word: str) -> str:
    """The folded Snowball Hungarian stem of one word (with its accents: the algorithm needs
    them), matched as a prefix of the folded text."""
    word = word.lower()
    stemmed = fold(_STEMMER.stemWord(word))
    return stemmed if len(stemmed) >= MIN_STEM else fold(word)


def query_stems(query: str) -> list[str]:
    words = "".join(char if char.isalnum() else " " for char in query).split()
    return [stem(word) for word in words][:12]


# --- the index ---------------------------------------------------------------------------


def _as_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _entries(forum) -> list[SearchEntry]:
    from kerekasztal.forums.models import Forum

    forums = Forum.objects.filter(pk=forum.pk)
    entries = []
    for source in public_sources().values():
        for record in source.records(forums):
            title = str(source.title(record))[:500]
            text = str(source.text(record) or "")
            entries.append(SearchEntry(
                forum=forum, kind=source.kind, object_id=str(record.pk), title=title,
                text=text, folded=f" {fold(title)} {fold(text)} ", url=source.url(record),
                date=_as_date(source.date(record)),
            ))
    return entries


@transaction.atomic
def reindex_forum(forum, *, only_if_dirty: bool = False) -> int | None:
    """Rebuild the forum's entries. The forum's state row is locked first: a second rebuild
    of the same forum waits for this one (and, with `only_if_dirty`, then finds nothing to
    do); a change committed meanwhile marks the forum dirty again and queues another."""
    state, _created = SearchState.objects.get_or_create(forum=forum)
    state = SearchState.objects.select_for_update().get(pk=state.pk)
    if only_if_dirty and not state.dirty:
        SearchState.objects.filter(pk=state.pk).update(queued_at=None)
        return None
    SearchState.objects.filter(pk=state.pk).update(dirty=False, queued_at=None)
    entries = _entries(forum)
    SearchEntry.objects.filter(forum=forum).delete()
    SearchEntry.objects.bulk_create(entries)
    if _is_postgres():
        SearchEntry.objects.filter(forum=forum).update(vector=_vector())
    SearchState.objects.filter(pk=state.pk).update(indexed_at=timezone.now())
    return len(entries)


@task()
def reindex_forum_task(forum_id: int) -> int | None:
    """The queued rebuild of one forum's entries (skipped when another did it meanwhile)."""
    from kerekasztal.forums.models import Forum

    forum = Forum.objects.filter(pk=forum_id).first()
    if forum is None:
        return None
    return reindex_forum(forum, only_if_dirty=True)


def queue_reindex(forum_ids) -> None:
    """Queue a rebuild for each forum that has none queued (or whose queued task has not
    run for TASKS_ABANDONED_MINUTES, e.g. lost with a database restore)."""
    now = timezone.now()
    lost = now - datetime.timedelta(minutes=settings.TASKS_ABANDONED_MINUTES)
    for forum_id in forum_ids:
        claimed = (SearchState.objects.filter(forum_id=forum_id)
                   .filter(models.Q(queued_at__isnull=True) | models.Q(queued_at__lt=lost))
                   .update(queued_at=now))
        if claimed:
            enqueue(reindex_forum_task, forum_id)


def reindex_all() -> int:
    from kerekasztal.forums.models import Forum

    SearchEntry.objects.filter(forum__isnull=True).delete()
    return sum(reindex_forum(forum) for forum in Forum.objects.all())


def mark_dirty(forum_id: int) -> None:
    """The forum's content changed in the current transaction: mark its index behind, and
    queue its rebuild once the transaction commits (once per forum and transaction). A
    writer never waits for another on the forum's search state: when another transaction
    holds the row, that one is marking it already (two registrations for the last seat
    deadlocked here on PostgreSQL)."""
    from kerekasztal.forums.models import Forum

    states = SearchState.objects.filter(forum_id=forum_id)
    if connection.in_atomic_block:  # outside a transaction no lock outlives the statement
        states = states.select_for_update(skip_locked=True)
    held = list(states.values_list("pk", flat=True))
    if held:
        SearchState.objects.filter(pk__in=held).update(dirty=True)
    elif (not SearchState.objects.filter(forum_id=forum_id).exists()
          and Forum.objects.filter(pk=forum_id).exists()):  # not a forum being deleted
        SearchState.objects.get_or_create(forum_id=forum_id, defaults={"dirty": True})
    if not connection.in_atomic_block:
        queue_reindex([forum_id])
        return
    # One callback per forum and transaction: Django starts a new list of callbacks for
    # every transaction (and after a rollback), so the set is tied to that list.
    hooks, pending = getattr(connection, "_search_reindex_pending", (None, set()))
    if hooks is not connection.run_on_commit:
        hooks, pending = connection.run_on_commit, set()
        connection._search_reindex_pending = (hooks, pending)
    if forum_id not in pending:
        pending.add(forum_id)
        transaction.on_commit(lambda: queue_reindex([forum_id]))


def ensure_fresh(forums) -> None:
    """Queue a rebuild of the index of the forums whose content changed since it was built,
    or where a scheduled post has appeared since (the page itself never rebuilds: it shows
    the index as it is; with TASKS_BACKEND=immediate the rebuild runs at once)."""
    from .models import Post, PostStatus

    indexed = dict(SearchState.objects.filter(forum__in=forums, dirty=False)
                   .values_list("forum_id", "indexed_at"))
    clean = set(indexed)
    if indexed:
        oldest = min((at for at in indexed.values() if at), default=None)
        if oldest is not None:
            appeared = Post.objects.filter(
                forum_id__in=clean, status=PostStatus.PUBLISHED,
                publish_at__gt=oldest, publish_at__lte=timezone.now(),
            ).values_list("forum_id", "publish_at")
            for forum_id, published in appeared:
                if indexed[forum_id] is None or published > indexed[forum_id]:
                    clean.discard(forum_id)
    stale = [forum.pk for forum in forums if forum.pk not in clean]
    if not stale:
        return
    SearchState.objects.filter(forum_id__in=stale, dirty=False).update(dirty=True)
    known = set(SearchState.objects.filter(forum_id__in=stale).values_list("forum_id",
                                                                          flat=True))
    SearchState.objects.bulk_create([SearchState(forum_id=pk, dirty=True)
                                     for pk in stale if pk not in known],
                                    ignore_conflicts=True)
    queue_reindex(stale)


# --- searching ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    snippet: SafeString

    @property
    def label(self) -> str:
        source = public_sources().get(self.entry.kind)
        return str(source.label) if source else ""


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _mark(text: str, start: str = "\x02", stop: str = "\x03") -> SafeString:
    """Escape `text` and turn the \\x02 / \\x03 markers into <mark> tags."""
    return mark_safe(escape(text).replace(start, "<mark>").replace(stop, "</mark>"))  # noqa: S308


def search(query: str, forums) -> list[Hit]:
    """Public records of `forums` matching `query`, best first. `query` is already checked
    (length) by the form; any characters are safe here."""
    stems = query_stems(query)
    if not stems:
        return []
    entries = SearchEntry.objects.filter(forum__in=forums).select_related("forum")
    if _is_postgres():
        return _search_postgres(query, entries)
    return _search_fallback(stems, entries)


def _vector():
    from django.contrib.postgres.search import SearchVector

    return (SearchVector("title", weight="A", config="hungarian")
            + SearchVector("text", weight="B", config="hungarian"))


def _search_postgres(query: str, entries) -> list[Hit]:
    """Ranked matches of the stored, GIN-indexed 'hungarian' vectors."""
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank

    search_query = SearchQuery(query, search_type="websearch", config="hungarian")
    rows = (entries.filter(vector=search_query)
            .annotate(rank=SearchRank("vector", search_query),
                      headline=SearchHeadline("text", search_query, config="hungarian",
                                              start_sel="\x02", stop_sel="\x03",
                                              max_words=SNIPPET_WORDS, min_words=10))
            .order_by("-rank", "-date")[:200])
    return [Hit(row, _mark(row.headline or "")) for row in rows]


def _search_fallback(stems: list[str], entries) -> list[Hit]:
    for word in stems:
        entries = entries.filter(folded__contains=f" {word}")
    rows = list(entries.order_by("-date", "title")[:1000])
    title_hits = [row for row in rows if all(f" {w}" in f" {fold(row.title)}" for w in stems)]
    others = [row for row in rows if row not in title_hits]
    return [Hit(row, _snippet(row.text, stems)) for row in (title_hits + others)[:200]]


def _snippet(text: str, stems: list[str]) -> SafeString:
    folded = fold(text)
    spans = []
    for word in stems:
        for match in re.finditer(rf"(?<![a-z0-9]){re.escape(word)}[a-z0-9]*", folded):
            spans.append((match.start(), match.end()))
    if not spans:
        words = text.split()
        return _mark(" ".join(words[:SNIPPET_WORDS]) + (" …" if len(words) > SNIPPET_WORDS
                                                         else ""))
    first = min(start for start, _end in spans)
    begin = max(0, text.rfind(" ", 0, max(0, first - 80)) + 1)
    end = min(len(text), first + 240)
    marked, cursor = [], begin
    for start, stop in sorted(spans):
        if start < cursor or stop > end:
            continue
        marked += [text[cursor:start], "\x02", text[start:stop], "\x03"]
        cursor = stop
    marked.append(text[cursor:end])
    return _mark(("… " if begin else "") + "".join(marked) + (" …" if end < len(text) else ""))
