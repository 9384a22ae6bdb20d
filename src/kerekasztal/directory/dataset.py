"""Synthetic organisations and people for the benchmark dataset (core/datasets/synthetic.py)."""

from kerekasztal.core.datasets.synthetic import DatasetContext
from kerekasztal.core.text import fold

from .models import Affiliation, LegalBasis, Organisation, OrganisationKind, Person

ORGANISATIONS_PER_FORUM = 100
PEOPLE_PER_ORGANISATION = 3
KINDS = [kind for kind, _label in OrganisationKind.choices]
POSITIONS = ["polgármester", "jegyző", "intézményvezető", "elnök", "referens", "munkatárs"]


def generate(ctx: DatasetContext) -> None:
    for forum in ctx.forums:
        settlements = list(forum.settlements().values_list("pk", "name")) or [(None, "")]
        start = Organisation.objects.filter(forum=forum).count()
        organisations = []
        for number in range(start, start + ctx.count(ORGANISATIONS_PER_FORUM)):
            seat_id, seat_name = ctx.rng.choice(settlements)
            kind = ctx.rng.choice(KINDS)
            name = f"{seat_name} {OrganisationKind(kind).label} {number + 1}".strip()
            organisations.append(Organisation(
                forum=forum, name=name, name_key=fold(name), kind=kind, seat_id=seat_id,
                email=f"szervezet{number + 1}@example.org",
            ))
        organisations = ctx.bulk(Organisation, organisations, "szervezetek")
        people = []
        for _organisation in organisations:
            for _index in range(PEOPLE_PER_ORGANISATION):
                name = ctx.person_name()
                people.append(Person(
                    forum=forum, name=name, name_key=fold(name),
                    position=ctx.rng.choice(POSITIONS), legal_basis=LegalBasis.PUBLIC_TASK,
                    retention_until=ctx.day_zero.replace(year=ctx.day_zero.year + 15),
                ))
        people = ctx.bulk(Person, people, "kapcsolattartók")
        ctx.bulk(Affiliation, (
            Affiliation(person=person, organisation=organisations[index // PEOPLE_PER_ORGANISATION])
            for index, person in enumerate(people)
        ), "szervezeti kapcsolatok")
        ctx.ids.setdefault(f"organisations:{forum.pk}", []).extend(o.pk for o in organisations)
        ctx.ids.setdefault(f"people:{forum.pk}", []).extend(p.pk for p in people)
