"""The search index is rebuilt by a task after the change commits, never inside a page
request, and one forum's rebuilds never run twice at once."""

import pytest
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kerekasztal.publishing.models import SearchEntry, SearchState
from kerekasztal.publishing.search import queue_reindex, reindex_forum, reindex_forum_task
from tests.core.test_mail_queue import run_worker

from .conftest import make_post

REINDEX = "kerekasztal.publishing.search.reindex_forum_task"


def _queued(forum):
    return DBTaskResult.objects.filter(task_path=REINDEX, status=TaskResultStatus.READY,
                                       args_kwargs__args=[forum.pk]).count()


@pytest.mark.django_db(transaction=True)
def test_a_change_queues_one_rebuild_that_the_worker_runs_not_the_page(client, world,
                                                                       task_queue):
    run_worker()  # the forums' first index
    assert _queued(world.forum) == 0

    with transaction.atomic():  # one write of several records: one task
        for n in range(3):
            make_post(world.forum, title=f"Felzárkózási hírek {n}")
    assert _queued(world.forum) == 1
    make_post(world.forum, title="Még egy felzárkózási hír")  # while one is queued
    assert _queued(world.forum) == 1

    for url in ("/", f"/f/{world.forum.slug}/search/?q=felzárkózási", "/search/?q=hírek"):
        assert client.get(url).status_code == 200
    assert not SearchEntry.objects.filter(title__startswith="Felzárkózási").exists()
    assert _queued(world.forum) == 1  # the pages did not rebuild, nor queue another

    run_worker()

    assert SearchEntry.objects.filter(forum=world.forum, title__contains="hír").count() == 4
    html = client.get(f"/f/{world.forum.slug}/search/", {"q": "felzárkózási"}).content.decode()
    assert "Még egy felzárkózási hír" in html
    assert SearchState.objects.get(forum=world.forum).dirty is False


@pytest.mark.django_db
def test_a_second_rebuild_of_the_same_forum_finds_nothing_to_do(world, task_queue):
    reindex_forum(world.forum)
    queue_reindex([world.forum.pk])
    queue_reindex([world.forum.pk])  # a unique pending rebuild per forum
    assert _queued(world.forum) == 1
    assert reindex_forum_task.call(world.forum.pk) is None  # the index is up to date
    assert SearchState.objects.get(forum=world.forum).queued_at is None


@pytest.mark.django_db
def test_a_page_never_rebuilds_the_index_with_the_queue(client, world, task_queue):
    make_post(world.forum, title="Szülői klub Kőszegen")
    SearchState.objects.filter(forum=world.forum).update(dirty=True, queued_at=None)
    client.get(f"/f/{world.forum.slug}/search/", {"q": "szülői"})
    assert not SearchEntry.objects.filter(title="Szülői klub Kőszegen").exists()
    assert _queued(world.forum) == 1


@pytest.mark.django_db(transaction=True)
def test_deleting_a_forum_leaves_no_index_state_behind(world, task_queue):
    forum_id = world.other_forum.pk
    world.other_forum.delete()
    assert not SearchState.objects.filter(forum_id=forum_id).exists()
