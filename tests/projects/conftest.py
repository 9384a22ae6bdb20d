import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kerekasztal.projects import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def evidence(name="jelenleti-iv.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def project_data(world, **overrides):
    data = {
        "programme": "AROP", "call_code": "ÁROP-1.A.3-2014",
        "call_title": "Területi együttműködést segítő programok kialakítása az "
                      "önkormányzatoknál a konvergencia régiókban",
        "code": "ÁROP-1.A.3-2014-2014-0019",
        "title": "Területi együttműködést segítő programok kialakítása a Kőszegi járásban",
        "beneficiary": world.organisation, "grant_amount": 22_000_000,
        "grant_rate": Decimal("100"), "total_cost": 22_000_000, "funds": ["ESZA"],
        "start": datetime.date(2015, 4, 1), "end": datetime.date(2015, 9, 30),
        "sustainability_end": datetime.date(2020, 11, 30),
        "website": "https://koszeg.example.org/projekt",
    }
    data.update(overrides)
    return data


@pytest.fixture
def project(world):
    return services.project_create(forum=world.forum, user=world.coordinator,
                                   **project_data(world))


@pytest.fixture
def member_indicator(project, world):
    return services.indicator_add(project=project, user=world.coordinator,
                                  name="Tagszervezetek", rule="forums.member_organisations",
                                  unit="szervezet", target=Decimal(10))


@pytest.fixture
def manual_indicator(project, world):
    return services.indicator_add(project=project, user=world.coordinator,
                                  name="Szakmai rendezvények", unit="rendezvény",
                                  target=Decimal(8))


def _memberships_by_role(forums, as_of, role=None):
    from kerekasztal.forums.models import Membership

    records = Membership.objects.on(as_of).filter(forum__in=forums)
    return records.filter(role=role) if role else records


TEST_RULE_CODE = "test.memberships"


@pytest.fixture
def extra_rules(monkeypatch):
    """A test-only rule with a parameter, next to the installed ones."""
    from kerekasztal.core import contracts

    rules = dict(contracts.indicator_rules())
    rules[TEST_RULE_CODE] = contracts.IndicatorRule(
        code=TEST_RULE_CODE, label="Tagságok szerep szerint", unit="tagság",
        records=_memberships_by_role, settlement="organisation__seat",
        params={"role": [("chair", "Elnök"), ("member", "Tag")]},
    )
    monkeypatch.setattr(contracts, "indicator_rules", lambda: rules)
    return rules
