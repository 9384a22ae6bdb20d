import pytest
from django.core.management import CommandError, call_command

from kerekasztal.agreements.models import Agreement
from kerekasztal.core.datasets import synthetic
from kerekasztal.directory.models import Organisation, Person
from kerekasztal.events.models import Event, Registration
from kerekasztal.forums.models import Forum, Membership
from kerekasztal.meetings.models import Meeting
from kerekasztal.plans.models import Plan
from kerekasztal.projects.models import Project

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        list(Forum.objects.filter(slug__startswith="gen-").order_by("slug")
             .values_list("slug", "name", "district__code")),
        list(Organisation.objects.filter(forum__slug__startswith="gen-").order_by("name")
             .values_list("name", "kind", "seat__ksh_code")),
        sorted(Person.objects.filter(forum__slug__startswith="gen-").values_list("name",
                                                                                 flat=True)),
        Membership.objects.filter(forum__slug__startswith="gen-").count(),
    )


def test_the_same_seed_gives_the_same_dataset_and_another_seed_another():
    # The smallest scale that still makes forums (one): the suite's time, not the volume, is
    # what a larger scale would test here; the benchmark runs scale 1.
    synthetic.generate(scale=0.005, seed=3)
    first = _snapshot()
    assert len(first[0]) == 1 and len(first[1]) == 100 and len(first[2]) == 300
    # 1 forum at scale 0.005 holds the volumes of 1 forum at scale 1.
    generated = {"forum__slug__startswith": "gen-"}
    assert Meeting.objects.filter(**generated).count() == 1 * 50
    assert Event.objects.filter(**generated).count() == 1 * 500
    assert 1 * 500 * 0.3 * 3 < Registration.objects.filter(
        event__forum__slug__startswith="gen-").count() < 1 * 500 * 0.5 * 12
    assert Agreement.objects.filter(**generated).count() == 1 * 15
    assert Project.objects.filter(**generated).count() == 1
    assert Plan.objects.filter(scope__in=["district", "county"], **generated).count() == 1
    assert synthetic.remove_generated() == 1
    assert _snapshot() == ([], [], [], 0)
    synthetic.generate(scale=0.005, seed=3)
    assert _snapshot() == first
    synthetic.remove_generated()
    synthetic.generate(scale=0.005, seed=4)
    assert _snapshot() != first


def test_fewer_forums_hold_the_same_volume_and_growing_adds_to_existing_forums():
    context = synthetic.generate(scale=0.01, seed=1, forums=1)
    forum = context.forums[0]
    assert Organisation.objects.filter(forum=forum).count() == 200
    synthetic.generate(scale=0.01, seed=2, existing=[forum])
    assert Organisation.objects.filter(forum=forum).count() == 400
    assert Forum.objects.filter(slug__startswith="gen-").count() == 1


def test_command_refuses_to_generate_twice_without_replace(capsys):
    call_command("generate_dataset", scale=0.005, seed=1, no_progress=True)
    with pytest.raises(CommandError):
        call_command("generate_dataset", scale=0.005, seed=1, no_progress=True)
    call_command("generate_dataset", scale=0.005, seed=1, no_progress=True, replace=True)
    assert Forum.objects.filter(slug__startswith="gen-").count() == 1
