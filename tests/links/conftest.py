"""Records of several apps in the Kőszeg forum (and one in the other forum) to link."""

import pytest

from kerekasztal.agreements import services as agreement_services
from kerekasztal.events import services as event_services
from kerekasztal.plans import services as plan_services
from tests.events.conftest import make_event
from tests.meetings.factories import MeetingFactory
from tests.plans.factories import make_measure, make_plan, make_problem


class Records:
    def __init__(self, world):
        self.plan = make_plan(world.forum)
        self.problem = make_problem(self.plan)
        self.other_problem = make_problem(self.plan, title="Kevés a bölcsődei férőhely",
                                          group="children")
        self.measure = make_measure(self.plan)
        self.statistic = plan_services.statistic_create(
            plan=self.plan, chapter="poverty_roma", name="Tartósan munkanélküliek",
            source="NFSZ")
        self.meeting = MeetingFactory(forum=world.forum, title="Alakuló ülés")
        self.event = make_event(world.forum, title="Szociális gazdaság fórum")
        self.report = event_services.report_save(
            event=self.event, summary="Harminc résztvevő.",
            problems_raised="Munkanélküliség, bölcsődei férőhely")
        from tests.agreements.conftest import make_agreement

        self.agreement = make_agreement(world.forum, world.coordinator,
                                        parties=[world.organisation])
        self.commitment = agreement_services.commitment_create(
            agreement=self.agreement, text="Az önkormányzat közfoglalkoztatási programot indít.")
        self.foreign_meeting = MeetingFactory(forum=world.other_forum, title="Idegen ülés")
        self.gap = make_gap(world.forum)


@pytest.fixture
def records(world):
    return Records(world)


def make_gap(forum, description="Nincs falugondnoki szolgálat"):
    import datetime

    from kerekasztal.servicemap.catalogue import ensure_service_types
    from kerekasztal.servicemap.models import Gap, ServiceType
    from kerekasztal.territory.models import Settlement

    ensure_service_types()
    return Gap.objects.create(
        forum=forum, settlement=Settlement.objects.get(name="Kőszeg"),
        service_type=ServiceType.objects.order_by("pk").first(),
        description=description, found_on=datetime.date(2015, 9, 1))
