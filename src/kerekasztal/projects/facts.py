"""What the other apps' records say about a project, worded for Hungarian press releases
and reports: who took part (by kind, the nationality self-governments by name), the target
groups, the places of implementation and the settlements reached, the beneficiary's role in
the territory, the forum and working groups carrying on, the contact's organisation.

Each function runs a fixed number of queries whatever the amount of data.
"""

import datetime
from collections import Counter

from django.apps import apps
from django.db.models import Q

from kerekasztal.core.collation import sort_key
from kerekasztal.core.contracts import day_end

from .models import Project

# Kinds in the order releases list them.
LOCAL = "local_government"
NATIONALITY = "nationality_self_government"
INSTITUTIONS = [("education", "köznevelési"), ("health", "egészségügyi"),
                ("social", "szociális")]
ORGANISATIONS = [("civil", "civil"), ("church", "egyházi"), ("business", "gazdasági")]


def _model(label: str):
    return apps.get_model(label)


def join(items: list[str], conjunction: str = "és") -> str:
    """'a, b és c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _period(project: Project, day: datetime.date) -> tuple[datetime.date, datetime.date]:
    return project.start, min(day, project.end_on(day))


def _moments(project: Project, day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The period of `_period` as date-times: from the first moment of its first local day
    to the first moment after its last (`contracts.day_end`, as the indicator rules bound
    a day), so a record at 00:30 or 23:30 Budapest time counts on its own local day and the
    date-times are compared as stored."""
    start, end = _period(project, day)
    return day_end(start - datetime.timedelta(days=1)), day_end(end)


def _held(project: Project, day: datetime.date, path: str = "starts_at") -> dict:
    """Filter arguments: `path` (a date-time) falls within the project up to `day`."""
    since, until = _moments(project, day)
    return {f"{path}__gte": since, f"{path}__lt": until}


def participants(project: Project, day: datetime.date) -> list:
    """Organisations whose membership of a funded forum was in force at some time between
    the start of the project and `day` (one each, in name order)."""
    Membership = _model("forums.Membership")
    from kerekasztal.forums.models import PARTICIPATING_ROLES

    start, end = _period(project, day)
    memberships = (Membership.objects.filter(forum__in=project.funded_forums(),
                                             role__in=PARTICIPATING_ROLES, since__lte=end)
                   .filter(Q(until__isnull=True) | Q(until__gte=start))
                   .select_related("organisation").order_by("organisation__name"))
    seen: dict[int, object] = {}
    for membership in memberships:
        seen.setdefault(membership.organisation_id, membership.organisation)
    return list(seen.values())


def territory_word(project: Project, *, allative: bool = False) -> str:
    """'a megye' / 'a járás', or 'a megyéhez' / 'a járáshoz' (allative: "belonging to")."""
    from kerekasztal.forums.models import ForumKind

    county = project.forum.root.kind == ForumKind.COUNTY_FORUM
    if allative:
        return "a megyéhez" if county else "a járáshoz"
    return "a megye" if county else "a járás"


def participants_by_kind(project: Project, day: datetime.date) -> str:
    """'8 települési önkormányzat, a Kőszegi Német Nemzetiségi Önkormányzat, a járás
    2 köznevelési, 1 egészségügyi és 3 szociális intézménye, 1 állami szerv, valamint
    4 civil és 1 egyházi szervezet' (empty when there were no members)."""
    organisations = participants(project, day)
    counts = Counter(o.kind for o in organisations)
    parts = []
    if counts[LOCAL]:
        parts.append(f"{counts[LOCAL]} települési önkormányzat")
    nationality = [o.name for o in organisations if o.kind == NATIONALITY]
    if nationality:
        from .writing import az

        parts.append(join([f"{az(name)} {name}" for name in nationality]))
    institutions = [f"{counts[kind]} {word}" for kind, word in INSTITUTIONS if counts[kind]]
    if institutions:
        parts.append(f"{territory_word(project)} {join(institutions)} intézménye")
    if counts["state"]:
        parts.append(f"{counts['state']} állami szerv")
    others = [f"{counts[kind]} {word}" for kind, word in ORGANISATIONS if counts[kind]]
    if counts["other"]:
        others.append(f"{counts['other']} egyéb")
    if others:
        parts.append(f"{join(others)} szervezet")
    if len(parts) > 1:
        return f"{', '.join(parts[:-1])}, valamint {parts[-1]}"
    return "".join(parts)


def target_groups(project: Project, day: datetime.date) -> list[str]:
    """The HEP target groups of the held events, the signed agreements and the measures of
    the forums' plans, in the fixed order of the target groups."""
    TargetGroup = _model("core.TargetGroup")
    Measure = _model("plans.Measure")
    _start, end = _period(project, day)
    forums = project.funded_forums()
    ids = set(Measure.objects.filter(plan__forum__in=forums)
              .values_list("target_group_id", flat=True))
    ids |= set(TargetGroup.objects.filter(
        Q(events__forum__in=forums, events__status="held",
          **_held(project, day, "events__starts_at"))
        | Q(agreements__forum__in=forums, agreements__signed_on__lte=end)
    ).values_list("pk", flat=True))
    groups = TargetGroup.objects.filter(pk__in=ids).order_by("order")
    return [g.name[:1].lower() + g.name[1:] for g in groups]


def event_places(project: Project, day: datetime.date) -> tuple[list[str], list[str]]:
    """(places of implementation: the settlements of the held events; settlements reached:
    those plus the settlements of the participants' breakdowns), names in order."""
    Event = _model("events.Event")
    AttendanceCount = _model("events.AttendanceCount")
    held = Event.objects.filter(forum__in=project.funded_forums(), status="held",
                                **_held(project, day))
    Settlement = _model("territory.Settlement")
    places = list(Settlement.objects.filter(events__in=held).distinct()
                  .order_by("name").values_list("name", flat=True))
    counted = set(AttendanceCount.objects.filter(event__in=held, settlement__isnull=False)
                  .values_list("settlement__name", flat=True))
    reached = sorted(set(places) | counted, key=sort_key)
    return places, reached


# How releases name the events of each kind after a numeral (singular, lower case).
EVENT_KIND_WORDS = [
    ("parent_club", "szülői klub"), ("community", "közösségi rendezvény"),
    ("professional", "szakmai rendezvény"), ("dissemination", "disszeminációs fórum"),
    ("training", "képzés"), ("sensitization", "érzékenyítő képzés"),
    ("press", "sajtótájékoztató"), ("closing", "záró konferencia"),
    ("other", "egyéb rendezvény"),
]
EVENT_TITLES_NAMED = 3  # a kind's distinct titles are named up to this many


def held_events(project: Project, day: datetime.date) -> list[str]:
    """The events held during the project up to `day`, counted by kind in the releases'
    order, each kind with its distinct titles (when there are few):
    ['2 szülői klub', '1 képzés („Esélyteremtő attitűd formálása”)', ...]. One query."""
    Event = _model("events.Event")
    held = (Event.objects.filter(forum__in=project.funded_forums(), status="held",
                                 **_held(project, day))
            .order_by("starts_at", "pk").values_list("kind", "title"))
    counts: Counter = Counter()
    titles: dict[str, list[str]] = {}
    for kind, title in held:
        counts[kind] += 1
        named = titles.setdefault(kind, [])
        if title not in named:
            named.append(title)
    parts = []
    for kind, word in EVENT_KIND_WORDS:
        if not counts[kind]:
            continue
        text = f"{counts[kind]} {word}"
        if len(titles[kind]) <= EVENT_TITLES_NAMED:
            text += f" ({', '.join(f'„{t}”' for t in titles[kind])})"
        parts.append(text)
    return parts


def event_audiences(project: Project, day: datetime.date) -> list[str]:
    """The held events whose audience is recorded, as releases name them: 'a Kerekasztal
    tagjai részére „Érzékenyítő tréning” címen érzékenyítő képzés' (one entry per title,
    kind and audience, with the number of occasions when more than one). One query."""
    Event = _model("events.Event")
    held = (Event.objects.filter(forum__in=project.funded_forums(), status="held",
                                 **_held(project, day))
            .exclude(audience="").order_by("starts_at", "pk")
            .values_list("kind", "title", "audience"))
    words = dict(EVENT_KIND_WORDS)
    counts: Counter = Counter()
    for kind, title, audience in held:
        counts[(kind, title.strip(), audience.strip())] += 1
    return [f"{audience} részére „{title}” címen "
            + (f"{n} " if n > 1 else "") + words.get(kind, words["other"])
            for (kind, title, audience), n in counts.items()]


def service_gaps(project: Project, day: datetime.date) -> tuple[int, int]:
    """(service gaps found during the project up to `day` in the funded forums' service
    maps, settlements they were found in). One query."""
    Gap = _model("servicemap.Gap")
    start, end = _period(project, day)
    found = list(Gap.objects.filter(forum__in=project.funded_forums(), found_on__gte=start,
                                    found_on__lte=end).values_list("settlement_id", flat=True))
    return len(found), len(set(found))


def agreements_made(project: Project, day: datetime.date) -> list[str]:
    """The titles of the agreements of the funded forums whose signature rule was met during
    the project up to `day`, in the order they were signed. One query."""
    Agreement = _model("agreements.Agreement")
    start, end = _period(project, day)
    return list(Agreement.objects.filter(forum__in=project.funded_forums(),
                                         signed_on__gte=start, signed_on__lte=end)
                .order_by("signed_on", "pk").values_list("title", flat=True))


def beneficiary_role(project: Project) -> str:
    """'járásszékhely önkormányzatként', 'megyei önkormányzatként' or ''."""
    from kerekasztal.forums.models import ForumKind

    beneficiary = project.beneficiary
    forum = project.forum.root
    seat = beneficiary.seat
    if beneficiary.kind != LOCAL:
        return ""
    if forum.kind == ForumKind.COUNTY_FORUM and "megye" in beneficiary.name.lower():
        return "megyei önkormányzatként"
    if (seat is not None and seat.is_district_seat and forum.district_id
            and seat.district_id == forum.district_id):
        return "járásszékhely önkormányzatként"
    return ""


def carrying_on(project: Project) -> tuple[str, list[str]]:
    """The forum and its working groups that carry on after the project."""
    forum = project.forum.root
    groups = [g.name for g in forum.working_groups.order_by("name")]
    return forum.name, groups


def contact_organisation(project: Project) -> str:
    """The organisation of the contact person (their first affiliation), or ''."""
    if not project.contact_id:
        return ""
    affiliation = (project.contact.affiliations.select_related("organisation")
                   .order_by("pk").first())
    return affiliation.organisation.name if affiliation else ""
