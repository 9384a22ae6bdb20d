"""Synthetic grant projects for the benchmark dataset (core/datasets/synthetic.py): one EFOP project
per forum at scale 1 (200 in all) with partners, staff, deliverables, milestones, indicators
computed from the other apps' records and the start and closing press releases."""

import datetime
from decimal import Decimal

from kerekasztal.core.datasets.synthetic import DatasetContext

from .models import (
    ConsortiumPartner,
    Deliverable,
    Indicator,
    Milestone,
    MilestoneKind,
    PartnerRole,
    PressRelease,
    PressReleaseKind,
    Project,
    StaffRole,
    StaffRoleKind,
)
from .programmes import Fund

PROJECTS_PER_FORUM = 1  # 200 at scale 1
INDICATORS = [
    ("meetings.sessions_held", "Megtartott fórumülések száma", "ülés", 20),
    ("forums.member_organisations", "A fórum tagszervezeteinek száma", "szervezet", 40),
    ("events.held", "Megtartott rendezvények száma", "rendezvény", 100),
    ("events.participants", "Rendezvényeken részt vett személyek", "fő", 500),
    ("agreements.signed", "Aláírt együttműködési megállapodások", "megállapodás", 10),
    ("plans.measures", "A programterv intézkedései", "intézkedés", 50),
]
BODY = ("A projekt keretében a járás önkormányzatai, civil szervezetei és intézményei "
        "esélyegyenlőségi kerekasztalt működtettek. ") * 6


def generate(ctx: DatasetContext) -> None:
    serial = Project.objects.filter(code__startswith="EFOP-1.6.3-17-2017-").count()
    for forum in ctx.forums:
        organisation_ids = ctx.ids.get(f"organisations:{forum.pk}", [])
        people_ids = ctx.ids.get(f"people:{forum.pk}", [])
        if len(organisation_ids) < 4 or not people_ids:
            continue
        projects = []
        for _index in range(ctx.count(PROJECTS_PER_FORUM)):
            serial += 1
            start = datetime.date(2017 + ctx.rng.randrange(3), 1 + ctx.rng.randrange(12), 1)
            grant = 50_000_000 + 1_000_000 * ctx.rng.randrange(150)
            projects.append(Project(
                forum=forum, programme="EFOP", call_code="EFOP-1.6.3-17",
                call_title="Együttműködő, befogadó társadalom",
                code=f"EFOP-1.6.3-17-2017-{serial:05d}",
                title=f"Esélyteremtő együttműködés – {forum.name}",
                summary="A járási esélyegyenlőségi kerekasztal működtetése.",
                beneficiary_id=organisation_ids[0], grant_amount=grant,
                grant_rate=Decimal("100"), total_cost=grant, funds=[Fund.ESZA],
                start=start, end=start.replace(year=start.year + 3),
                sustainability_end=start.replace(year=start.year + 6),
                contact_id=people_ids[0],
            ))
        projects = ctx.bulk(Project, projects, "projektek")
        ctx.bulk(ConsortiumPartner, (
            ConsortiumPartner(project=project, organisation_id=organisation_id,
                              role=PartnerRole.CONSORTIUM, tasks="Rendezvények szervezése.")
            for project in projects for organisation_id in organisation_ids[1:4]
        ), "konzorciumi partnerek")
        ctx.bulk(StaffRole, (
            StaffRole(project=project, role=role, person_id=people_ids[number],
                      employer_id=organisation_ids[0], since=project.start)
            for project in projects
            for number, role in enumerate([StaffRoleKind.PROJECT_MANAGER,
                                           StaffRoleKind.PROFESSIONAL_LEAD,
                                           StaffRoleKind.CATCH_UP_OFFICER])
        ), "munkatársak")
        ctx.bulk(Deliverable, (
            Deliverable(project=project, title=title, due=project.end,
                        completed_on=project.end if number else None)
            for project in projects
            for number, title in enumerate(["Járási esélyegyenlőségi program",
                                            "Szakmai beszámoló", "Disszeminációs kiadvány"])
        ), "vállalt eredmények")
        ctx.bulk(Milestone, (
            Milestone(project=project, kind=kind, title=title, due=due, reached_on=due)
            for project in projects
            for kind, title, due in [
                (MilestoneKind.KICKOFF, "Nyitórendezvény", project.start),
                (MilestoneKind.REPORT, "Időközi beszámoló",
                 project.start.replace(year=project.start.year + 1)),
                (MilestoneKind.CLOSING_EVENT, "Zárórendezvény", project.end),
            ]
        ), "mérföldkövek")
        ctx.bulk(Indicator, (
            Indicator(project=project, name=name, rule=rule, unit=unit, target=target,
                      order=order)
            for project in projects
            for order, (rule, name, unit, target) in enumerate(INDICATORS, start=1)
        ), "indikátorok")
        ctx.bulk(PressRelease, (
            PressRelease(project=project, kind=kind, title=f"{title}: {project.title}",
                         body=BODY, as_of=day,
                         published_at=datetime.datetime.combine(day, datetime.time(12),
                                                                tzinfo=datetime.UTC))
            for project in projects
            for kind, title, day in [
                (PressReleaseKind.START, "Elindult a projekt", project.start),
                (PressReleaseKind.CLOSING, "Sikeresen zárult a projekt", project.end),
            ]
        ), "sajtóközlemények")
