"""Press releases and the closing report, written in Hungarian from the records.

Our own wording. The text is plain: paragraphs separated by blank lines, list items
starting with "– ". Documents are Hungarian whatever the interface language.
"""

import datetime
import re
from collections import Counter

from django.utils import timezone, translation

from kerekasztal.documents.render import hu_date

from . import facts, huformat
from .figures import Figure, figures, records
from .models import MilestoneKind, PressReleaseKind, Project, StaffRoleKind
from .programmes import FUND_GENITIVE_HU, FUND_NAMES_HU
from .publicity import brand_line, eu_statement

VOWELS = set("aáeéiíoóöőuúüűAÁEÉIÍOÓÖŐUÚÜŰ")


def az(word: str) -> str:
    """The Hungarian article before a word: 'az ÁROP', 'a TOP'."""
    return "az" if word[:1] in VOWELS else "a"


def duration(start: datetime.date, end: datetime.date) -> str:
    days = (end - start).days + 1
    if 150 <= days < 180:
        return "közel fél éves"
    if 180 <= days <= 186:
        return "fél éves"
    if 350 <= days <= 370:
        return "egyéves"
    return f"{round(days / 30.44)} hónapos"


def _staff_line(project: Project, day: datetime.date) -> str:
    """'2 felzárkózási munkatárs, 1 projektmenedzser (egyben pénzügyi munkatárs), ...':
    people counted once, their further roles named after the first."""
    order = list(StaffRoleKind.values)
    roles_of: dict[tuple[int, str], set[str]] = {}
    for staff in project.staff.all():
        if staff.since <= day:
            employer = (_name_on(project, staff.employer, day) if staff.employer_id
                        and staff.employer_id != project.beneficiary_id else "")
            roles_of.setdefault((staff.person_id, employer), set()).add(staff.role)
    counts: Counter = Counter()
    for (_person, employer), roles in roles_of.items():
        ranked = tuple(sorted(roles, key=order.index))
        counts[(ranked, employer)] += 1
    with translation.override("hu"):
        labels = {role: str(StaffRoleKind(role).label) for role in order}
    parts = []
    for (roles, employer), n in sorted(counts.items(),
                                       key=lambda i: (order.index(i[0][0][0]), i[0][1])):
        notes = [f"egyben {' és '.join(labels[r] for r in roles[1:])}"] if roles[1:] else []
        notes += [employer] if employer else []
        parts.append(f"{n} {labels[roles[0]]}" + (f" ({'; '.join(notes)})" if notes else ""))
    return ", ".join(parts)


def _name_on(project: Project, organisation, day: datetime.date) -> str:
    """An organisation's name valid on `day`: a partner renamed during the project (SZGYF,
    later TEF) is named as it was called then."""
    for partner in project.partners.all():
        if partner.organisation_id == organisation.pk:
            return partner.name_on(day)
    return organisation.name


def _partner_line(project: Project, day: datetime.date) -> list[str]:
    lines = []
    for partner in project.partners.all():
        with translation.override("hu"):
            role = str(partner.get_role_display()).lower()
        first, last = partner.name_on(project.start), partner.name_on(day)
        text = f"{last} ({role})"
        if first != last:
            renamed = max(partner.renamings.all(), key=lambda n: n.valid_from)
            text = (f"{last} ({role}; {hu_date(renamed.valid_from)} előtt {first} néven)")
        lines.append(text)
    return lines


def _themes(item: Figure) -> list[str]:
    """The topics of the records behind a computed figure (e.g. the themes of the signed
    agreements), in the order the records were made."""
    if item.manual or item.rule is None or not item.value:
        return []
    found = records(item.indicator, item.as_of)
    if found is None or "topics" not in {f.name for f in found.model._meta.many_to_many}:
        return []
    names: list[str] = []
    for record in found.order_by("pk").prefetch_related("topics"):
        for topic in record.topics.all():
            name = topic.name[:1].lower() + topic.name[1:]
            if name not in names:
                names.append(name)
    return names


def _result(item: Figure) -> str:
    text = f"{item.indicator.name}: {huformat.amount(item.value, item.indicator.unit)}"
    if item.manual_value and item.manual_value.note:
        text += f" ({item.manual_value.note})"
    if themes := _themes(item):
        text += f" (témák: {', '.join(themes)})"
    return text


def _facts(project: Project) -> str:
    funds = [FUND_GENITIVE_HU.get(f, FUND_NAMES_HU.get(f, f)) for f in project.funds]
    text = (f"{project.beneficiary.name} {huformat.million_forints(project.grant_amount)} "
            f"vissza nem térítendő támogatást nyert {az(project.call_code)} "
            f"{project.call_code}")
    if project.call_title:
        text += f" „{project.call_title}” című"
    text += " felhíváson"
    if line := brand_line(project):
        text += f", {line}"
    text += "."
    if project.grant_rate is not None:
        text += f" A támogatás intenzitása {huformat.percent(project.grant_rate)}"
        text += f", forrása {', '.join(funds)}." if funds else "."
    return text


def _extension_sentence(project: Project, day: datetime.date) -> str:
    extensions = [e for e in project.extensions.all()
                  if e.decided_on is None or e.decided_on <= day]
    if not extensions:
        return ""
    last = max(extensions, key=lambda e: e.new_end)
    return (f"Az eredetileg {hu_date(project.end)} napra tervezett befejezés "
            f"{_reason(last.reason)} miatt {hu_date(last.new_end)} napra módosult.")


def _reason(text: str) -> str:
    """The reason as the middle of the sentence "… befejezés <reason> miatt …", however the
    coordinator wrote it: "A pandémiás helyzet miatt." gives "a pandémiás helyzet". Only a
    leading article is put in lower case: a name ("Magyarország Kormánya") keeps its own."""
    reason = re.sub(r"\s+miatt$", "", text.strip().rstrip(".").strip(), flags=re.IGNORECASE)
    if reason.split(" ", 1)[0] in ("A", "Az", "Egy"):
        reason = reason[0].lower() + reason[1:]
    return reason


def _contact(project: Project) -> str:
    parts = []
    if project.website:
        parts.append(f"További információ: {project.website}")
    if project.contact_id:
        person = project.contact
        details = ", ".join(filter(None, [person.position, facts.contact_organisation(project),
                                          person.email, person.phone]))
        parts.append(f"Kapcsolattartó: {person.name}" + (f" ({details})" if details else ""))
    return "\n".join(parts)


def _closing_milestones(project: Project, day: datetime.date) -> list[str]:
    lines = []
    for milestone in project.milestones.all():
        if milestone.reached_on and milestone.reached_on <= day:
            if milestone.kind == MilestoneKind.CLOSING_EVENT:
                continue
            lines.append(f"– {hu_date(milestone.reached_on)}: {milestone.title}")
    return lines


def _closing_event(project: Project, day: datetime.date) -> str:
    for milestone in project.milestones.all():
        if (milestone.kind == MilestoneKind.CLOSING_EVENT and milestone.reached_on
                and milestone.reached_on <= day):
            named = ("" if milestone.title.lower() == "zárórendezvény"
                     else f" ({milestone.title})")
            return (f"{huformat.on_day(milestone.reached_on).capitalize()} került sor "
                    f"{az(project.code)} {project.code} projekt zárórendezvényére{named}, "
                    f"amely egy {duration(project.start, project.end_on(day))} intenzív "
                    f"munkát és sikeres együttműködést zárt le.")
    return ""


def _beneficiary_sentence(project: Project) -> str:
    role = facts.beneficiary_role(project)
    forum = project.forum.root.name
    lead = f"{project.beneficiary.name} {role} vezette" if role else (
        f"{project.beneficiary.name} vezette")
    return f"{lead} a projektet és {az(forum)} {forum} munkáját."


def _participants_sentence(project: Project, day: datetime.date) -> str:
    if not (kinds := facts.participants_by_kind(project, day)):
        return ""
    forum = project.forum.root.name
    return f"{az(forum).capitalize()} {forum} munkájában részt vett {kinds}."


def _target_groups_sentence(project: Project, day: datetime.date) -> str:
    if not (groups := facts.target_groups(project, day)):
        return ""
    return f"A projekt célcsoportjai: {facts.join(groups)}."


def _places_sentence(project: Project, day: datetime.date) -> str:
    """Where the recorded events were held, and the settlements their participants came
    from. It speaks of the events, not of the project: a county project with one recorded
    event did not "reach one settlement"."""
    places, reached = facts.event_places(project, day)
    if not places:
        return ""
    if len(places) == 1:
        text = f"A rendezvények helyszíne (a megvalósítás helyszíne): {places[0]}."
    else:
        text = f"A rendezvények helyszínei (a megvalósítás helyszínei): {', '.join(places)}."
    if extra := [name for name in reached if name not in places]:
        text += (f" A rendezvények résztvevői további településekről is érkeztek "
                 f"({', '.join(extra)}), így a rendezvények {len(reached)} települést "
                 f"értek el.")
    return text


def _events_sentence(project: Project, day: datetime.date) -> str:
    if not (parts := facts.held_events(project, day)):
        return ""
    return f"A projekt keretében megtartott rendezvények: {facts.join(parts)}."


def _audiences_sentence(project: Project, day: datetime.date) -> str:
    """'A Kerekasztal tagjai részére „Érzékenyítő tréning” címen érzékenyítő képzés került
    lebonyolításra.' for the held events whose audience is recorded (trainings above all)."""
    if not (parts := facts.event_audiences(project, day)):
        return ""
    text = f"{', '.join(parts[:-1])}, valamint {parts[-1]}" if len(parts) > 1 else parts[0]
    return f"{text[:1].upper()}{text[1:]} került lebonyolításra."


def _deliverables_paragraph(project: Project, day: datetime.date) -> str:
    """'A projekt keretében elkészült: X, Y.' and, for a deliverable whose content is
    recorded, 'Elkészült a Szolgáltatási Út Térkép (SZÚT), amely bemutatja ….'"""
    done = [d for d in project.deliverables.all() if d.completed_on and d.completed_on <= day]
    plain = [d.title for d in done if not d.description.strip()]
    sentences = [f"A projekt keretében elkészült: {', '.join(plain)}."] if plain else []
    sentences += [f"Elkészült {az(d.title)} {d.title}, amely "
                  f"{d.description.strip().rstrip('.')}." for d in done if d.description.strip()]
    return " ".join(sentences)


def _gaps_sentence(project: Project, day: datetime.date) -> str:
    gaps, settlements = facts.service_gaps(project, day)
    if not gaps:
        return ""
    return (f"Feltérképezésre kerültek {facts.territory_word(project, allative=True)} tartozó "
            f"önkormányzatok szolgáltatási hiányai: {gaps} szolgáltatáshiány "
            f"{settlements} településen.")


def _agreements_sentence(project: Project, day: datetime.date) -> str:
    if not (titles := facts.agreements_made(project, day)):
        return ""
    text = f"A projekt során {len(titles)} együttműködési megállapodás jött létre"
    if len(titles) <= facts.EVENT_TITLES_NAMED:
        text += ": " + ", ".join(f"„{title}”" for title in titles)
    return text + "."


def _sustainability_sentence(project: Project, day: datetime.date) -> str:
    if not project.sustainability_end:
        return ""
    forum, groups = facts.carrying_on(project)
    ended = project.sustainability_end < day
    verb = "működött" if ended else "működik"
    text = (f"A projekt ideje alatt, majd a fenntartási időszakban "
            f"({hu_date(project.sustainability_end)} napjáig) is {verb} {az(forum)} {forum}")
    if groups:
        word = "munkacsoportjai" if len(groups) > 1 else "munkacsoportja"
        text += f" és {word}: " + ", ".join(groups)
    keep = "fenntartotta" if ended else "fenntartja"
    return (text + f". A projekt eredményeit a kedvezményezett a fenntartási időszak "
            f"végéig {keep}.")


def _closing(project: Project, as_of: datetime.date) -> tuple[str, str]:
    end = project.end_on(as_of)
    items = figures(project, as_of)
    paragraphs = [
        f"{project.title} – sikeresen lezárult {az(project.code)} {project.code} "
        f"azonosítójú projekt",
        _facts(project),
        f"{az(project.title).capitalize()} „{project.title}” című, {project.code} "
        f"azonosítójú projekt {huformat.period(project.start, end)} valósult meg. "
        + _extension_sentence(project, as_of),
        project.summary,
        _beneficiary_sentence(project),
        _participants_sentence(project, as_of),
        _target_groups_sentence(project, as_of),
    ]
    if partners := _partner_line(project, as_of):
        paragraphs.append("A projekt megvalósításában részt vett: " + "; ".join(partners) + ".")
    if staff := _staff_line(project, as_of):
        paragraphs.append(f"A projektben {staff} dolgozott.")
    if items:
        paragraphs.append(f"A projekt eredményei ({hu_date(as_of)}):\n"
                          + "\n".join(f"– {_result(i)}" for i in items))
    paragraphs.append(_deliverables_paragraph(project, as_of))
    paragraphs.append(_gaps_sentence(project, as_of))
    paragraphs.append(_agreements_sentence(project, as_of))
    assets = [f"{a.quantity} db {a.name}" for a in project.assets.all()]
    if assets:
        paragraphs.append("A projekt keretében beszerzésre került: " + ", ".join(assets) + ".")
    if lines := _closing_milestones(project, as_of):
        paragraphs.append("A projekt rendezvényei és mérföldkövei:\n" + "\n".join(lines))
    paragraphs.append(_events_sentence(project, as_of))
    paragraphs.append(_audiences_sentence(project, as_of))
    paragraphs.append(_places_sentence(project, as_of))
    paragraphs.append(_closing_event(project, as_of))
    paragraphs.append(_sustainability_sentence(project, max(as_of, timezone.localdate())))
    paragraphs += [_contact(project), eu_statement(project, past=True)]
    title = paragraphs.pop(0)
    return title, "\n\n".join(p.strip() for p in paragraphs if p and p.strip())


def _start(project: Project, as_of: datetime.date) -> tuple[str, str]:
    end = project.end_on(as_of)
    past = project.is_closed_on(as_of)
    paragraphs = [
        _facts(project),
        f"{az(project.title).capitalize()} „{project.title}” című, {project.code} "
        f"azonosítójú projekt {huformat.period(project.start, end)} "
        f"{'valósult' if past else 'valósul'} meg.",
        project.summary,
    ]
    if partners := _partner_line(project, as_of):
        paragraphs.append("Partnereink: " + "; ".join(partners) + ".")
    targets = [f"– {i.name}: {huformat.number(i.target)} {i.unit}"
               for i in project.indicators.all()]
    if targets:
        paragraphs.append("A projekt vállalt eredményei:\n" + "\n".join(targets))
    planned = [d.title for d in project.deliverables.all()]
    if planned:
        paragraphs.append(f"A projekt keretében {'elkészült' if past else 'elkészül'}: "
                          + ", ".join(planned) + ".")
    paragraphs += [_contact(project), eu_statement(project, past=past)]
    title = f"{project.title} – elindult {az(project.code)} {project.code} azonosítójú projekt"
    return title, "\n\n".join(p.strip() for p in paragraphs if p and p.strip())


def _report(project: Project, as_of: datetime.date) -> tuple[str, str]:
    end = project.end_on(as_of)
    items = figures(project, as_of)
    funds = ", ".join(FUND_NAMES_HU.get(f, f) for f in project.funds)
    facts_lines = [
        f"Kedvezményezett: {project.beneficiary.name}",
        f"Projekt címe: {project.title}",
        f"Projektazonosító: {project.code}",
        f"Felhívás: {project.call_code}" + (f" – {project.call_title}"
                                           if project.call_title else ""),
        f"Támogatás: {huformat.forints(project.grant_amount)} "
        f"({huformat.million_forints(project.grant_amount)}), intenzitás: "
        f"{huformat.percent(project.grant_rate)}",
    ]
    if project.total_cost is not None:
        facts_lines.append(f"Elszámolható összköltség: {huformat.forints(project.total_cost)}")
    if funds:
        facts_lines.append(f"Alap: {funds}")
    facts_lines.append(f"Megvalósítás: {huformat.span(project.start, end)}")
    if project.sustainability_end:
        facts_lines.append(f"Fenntartási időszak vége: {hu_date(project.sustainability_end)}")
    if line := brand_line(project):
        facts_lines.append(f"Program: {line.removesuffix(' keretében')}")
    if role := facts.beneficiary_role(project):
        facts_lines.append(f"A kedvezményezett szerepe: {role.removesuffix('ként')}")
    if organisation := facts.contact_organisation(project):
        facts_lines.append(f"Kapcsolattartó: {project.contact.name} ({organisation})")
    numbered: list[tuple[str, str]] = [
        ("A projekt adatai", "\n".join(f"– {f}" for f in facts_lines)
         + (f"\n{sentence}" if (sentence := _extension_sentence(project, as_of)) else "")),
    ]
    if project.summary:
        numbered.append(("A projekt célja", project.summary))
    results = []
    for item in items:
        value = huformat.NO_VALUE if item.value is None else huformat.number(item.value)
        marker = " [kézi adat, bizonyítékkal]" if item.manual else ""
        # rounded to one decimal, not truncated (14 of 12: "116,7%"), as the text writes "%"
        percent = (f", {item.percent_text.replace(chr(0xA0), '')}"
                   if item.percent is not None else "")
        target = huformat.number(item.indicator.target)
        results.append(f"– {item.indicator.name}: {value} / {target}"
                       f" {item.indicator.unit}{percent}{marker}")
    numbered.append((f"Indikátorok ({hu_date(as_of)}; tény / cél)",
                     "\n".join(results) or "– nincs indikátor"))
    participation = [text for text in (
        _beneficiary_sentence(project), _participants_sentence(project, as_of),
        _target_groups_sentence(project, as_of), _events_sentence(project, as_of),
        _audiences_sentence(project, as_of), _places_sentence(project, as_of),
        _gaps_sentence(project, as_of), _agreements_sentence(project, as_of),
        _sustainability_sentence(project, max(as_of, timezone.localdate()))) if text]
    if participation:
        numbered.append(("Együttműködés, célcsoportok, helyszínek", "\n".join(participation)))
    deliverables = [f"– {d.title}: " + (f"elkészült {hu_date(d.completed_on)}"
                                        if d.completed_on and d.completed_on <= as_of
                                        else "nem készült el")
                    for d in project.deliverables.all()]
    numbered.append(("Vállalt termékek", "\n".join(deliverables) or "– nincs"))
    milestones = [f"– {m.title}: tervezett {hu_date(m.due)}, " + (
        f"teljesült {hu_date(m.reached_on)}" if m.reached_on and m.reached_on <= as_of
        else "nem teljesült") for m in project.milestones.all()]
    numbered.append(("Mérföldkövek", "\n".join(milestones) or "– nincs"))
    if staff := _staff_line(project, as_of):
        numbered.append(("Projektmunkatársak", staff))
    if assets := [f"– {a.quantity} db {a.name}" for a in project.assets.all()]:
        numbered.append(("Beszerzett eszközök", "\n".join(assets)))
    if partners := _partner_line(project, as_of):
        numbered.append(("Partnerek", "\n".join(f"– {p}" for p in partners)))
    # numbered in order, so no number is skipped when a section has nothing to say
    sections = [f"{n}. {heading}\n{text}" for n, (heading, text) in enumerate(numbered, 1)]
    sections.append(eu_statement(project, past=True))
    return f"Záró beszámoló – {project.code}", "\n\n".join(sections)


def write(project: Project, kind: str, as_of: datetime.date) -> tuple[str, str]:
    """(title, body) of a document of `kind` as of a day."""
    from .queries import project_detail

    project = project_detail(project.forum).get(pk=project.pk)
    writer = {PressReleaseKind.START: _start, PressReleaseKind.CLOSING: _closing,
              PressReleaseKind.CLOSING_REPORT: _report}[PressReleaseKind(kind)]
    return writer(project, as_of)

