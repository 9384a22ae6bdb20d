import datetime

import pytest

from kerekasztal.core.demo_loader import demo_load
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
