import datetime

import pytest

from kerekasztal.core.datasets.demo import demo_load
from kerekasztal.projects import figures
from kerekasztal.projects.models import Project


@pytest.mark.django_db
def test_demo_project_is_built_once_and_computes(media):
    demo_load()
    demo_load()
    project = Project.objects.get()
    assert project.code == "ÁROP-1.A.3-2014-2014-0019"
    assert project.current_end == datetime.date(2015, 11, 30)
    values = [f.value for f in figures.figures(project, datetime.date(2015, 11, 30))]
    assert values[0] > 0 and values[1] == 14


@pytest.mark.django_db
def test_demo_project_figures_come_from_the_demo_records(media):
    """Sessions, events and agreements are counted from the meetings, events and agreements
    demo records (manual only: the training participants, which no app records)."""
    demo_load()
    project = Project.objects.get()
    by_rule = {f.indicator.rule: f for f in figures.figures(project, datetime.date(2015, 11, 30))}
    assert by_rule["meetings.sessions_held"].value == 8
    assert by_rule["events.held"].value == 8
    assert by_rule["agreements.signed"].value == 6
    assert by_rule["agreements.parties"].value == 17
    assert [f.indicator.name for f in by_rule.values() if f.manual] == [
        "Képzésen részt vett HEP-megbízottak"]
    early = {f.indicator.rule: f.value
             for f in figures.figures(project, datetime.date(2015, 9, 30))}
    assert (early["meetings.sessions_held"], early["events.held"],
            early["agreements.signed"]) == (4, 3, 1)


@pytest.mark.django_db
def test_demo_closing_release_tells_the_koszeg_story(media):
    from kerekasztal.projects import services

    demo_load()
    project = Project.objects.get()
    body = services.press_release_generate(project=project, kind="closing",
                                           as_of=datetime.date(2015, 11, 30), user=None).body
    for fact in ("Kőszeg Város Önkormányzata 22,0 millió forint vissza nem térítendő",
                 "2015. április 1. és 2015. november 30. között",
                 "2 felzárkózási munkatárs, 1 projektmenedzser (egyben pénzügyi munkatárs), "
                 "1 instruktor (Vas Megyei Kormányhivatal Kőszegi Járási Hivatala)",
                 "1 db laptop, 1 db projektor", "Járási Esélyteremtő Programterv",
                 "horvát nyelvű fordítása", "2015. november 25-én került sor",
                 "Megtartott kerekasztal-ülések: 8 alkalom",
                 "Aláírt együttműködési megállapodások: 6 megállapodás (témák: ",
                 "Vas Megyei Kormányhivatal Kőszegi Járási Hivatala (állami partner; "
                 "2015. július 1. előtt Kőszegi Járási Hivatal néven)",
                 "az Európai Szociális Alap társfinanszírozásával valósult meg"):
        assert fact in body, fact
