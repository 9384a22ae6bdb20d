"""Plans for the tests: settlement HEPs of the Kőszeg district and a district plan."""

import datetime

from kerekasztal.core.models import TargetGroup
from kerekasztal.plans import services
from kerekasztal.territory.models import Settlement


def target_group(code: str = "children") -> TargetGroup:
    return TargetGroup.objects.get(code=code)


def make_plan(forum, *, scope="settlement", settlement="Bozsok", title=None, **extra):
    data = {"scope": scope, "period_start": 2024, "period_end": 2028}
    if scope == "settlement":
        data["settlement"] = Settlement.objects.get(name=settlement)
        data["title"] = title or f"{settlement} Helyi Esélyegyenlőségi Programja"
    else:
        data["title"] = title or "Kőszegi Járási Esélyteremtő Programterv"
    data.update(extra)
    return services.plan_create(forum=forum, **data)


def make_problem(plan, title="Magas a tartós munkanélküliek aránya", group="poverty_roma",
                 **extra):
    return services.problem_create(plan=plan, target_group=target_group(group), title=title,
                                   **extra)


def make_measure(plan, title="Közfoglalkoztatásból a nyílt munkaerőpiacra", group="poverty_roma",
                 responsible="Bozsok Község Önkormányzata", **extra):
    return services.measure_create(plan=plan, target_group=target_group(group), title=title,
                                   responsible=responsible, **extra)


def adopt(plan, on=datetime.date(2024, 6, 27), number="45/2024. (VI. 27.) Kt. határozat"):
    services.plan_set_status(plan=plan, status="consultation")
    return services.plan_set_status(plan=plan, status="adopted", resolution_number=number,
                                    adopted_on=on)
