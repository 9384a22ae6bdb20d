"""Agreements as they really happened (issues 16 and 17): texts drafted and signed on paper
long before they were entered, recorded in one go with their parties; one history entry;
a party's representative signing for their organisation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from kerekasztal.agreements import services
from kerekasztal.agreements.models import Agreement, Signature, SignatureMethod, Status
from kerekasztal.core.contracts import indicator_rules
from kerekasztal.core.models import Topic
from kerekasztal.forums.models import Forum

from .conftest import make_agreement

pytestmark = pytest.mark.django_db

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def entries(organisations, *days, name="Aláíró Anna"):
    return [services.PartyEntry(organisation=o, signed_on=day, signatory_name=name)
            for o, day in zip(organisations, days, strict=False)]


DRAFTED = D(2020, 2, 3)


def record(world, organisations, *days, drafted=DRAFTED, **data):
    data.setdefault("title", "Együttműködés a szülői klubokról")
    return services.agreement_create(
        forum=world.forum, user=world.coordinator, kind="multilateral", purpose="Klubok.",
        drafted_on=drafted, parties=entries(organisations, *days), **data)


def test_a_signature_of_2015_is_accepted_when_the_text_was_drafted_then(world, organisations):
    # Before: the signature day was checked against the day the record was entered.
    agreement = make_agreement(world.forum, parties=organisations, drafted_on=D(2015, 6, 1))
    services.agreement_open(agreement=agreement, on=D(2015, 6, 1))
    for party in agreement.parties.all():
        services.signature_record(party=party, signed_on=D(2015, 6, 16), signatory_name="X")
    agreement.refresh_from_db()
    assert agreement.signed_on == D(2015, 6, 16)
    assert agreement.created_at.date() == timezone.localdate()  # entered today


def test_a_signature_before_the_draft_or_in_the_future_is_refused(world, organisations):
    agreement = make_agreement(world.forum, parties=organisations, drafted_on=D(2020, 1, 10))
    services.agreement_open(agreement=agreement, on=D(2020, 1, 10))
    party = agreement.parties.first()
    with pytest.raises(ValidationError, match=r"\(2020\. január 10\.\)"):
        services.signature_record(party=party, signed_on=D(2020, 1, 9), signatory_name="X")
    with pytest.raises(ValidationError, match="jövőbeli"):
        services.signature_record(party=party, signed_on=timezone.localdate()
                                  + datetime.timedelta(days=1), signatory_name="X")


def test_the_drafted_on_day_may_not_be_in_the_future(world):
    with pytest.raises(ValidationError) as error:
        make_agreement(world.forum, drafted_on=timezone.localdate() + datetime.timedelta(1))
    assert "drafted_on" in error.value.message_dict


def test_recording_a_paper_agreement_in_one_go_signs_it_on_the_last_day(world, organisations):
    agreement = record(world, organisations, D(2020, 2, 10), D(2020, 2, 14), D(2020, 2, 12))
    assert agreement.status == Status.IN_FORCE
    assert agreement.signed_on == D(2020, 2, 14)
    assert agreement.opened_on == D(2020, 2, 10)
    assert agreement.drafted_on == D(2020, 2, 3)
    rule = indicator_rules()["agreements.signed"]
    forums = Forum.objects.filter(pk=world.forum.pk)
    assert rule.value(forums, D(2020, 2, 13)) == 0
    assert rule.value(forums, D(2020, 2, 14)) == 1


def test_a_party_without_a_signature_day_leaves_it_open(world, organisations):
    agreement = record(world, organisations, D(2020, 2, 10), None, D(2020, 2, 12))
    assert agreement.status == Status.OPEN
    assert agreement.signed_on is None


def test_creating_an_agreement_writes_one_history_entry(world, organisations):
    agreement = record(world, organisations, D(2020, 2, 10), D(2020, 2, 14),
                       topics=Topic.objects.all()[:2])
    entries_ = list(Agreement.history.filter(id=agreement.pk))
    assert len(entries_) == 1
    assert entries_[0].history_type == "+"
    assert entries_[0].history_user == world.coordinator
    assert entries_[0].signed_on == D(2020, 2, 14)  # the whole record, as entered
    draft = make_agreement(world.forum, world.coordinator, title="Tervezet",
                           topics=Topic.objects.all()[:1])
    assert Agreement.history.filter(id=draft.pk).count() == 1


@pytest.mark.parametrize(("days", "message"), [
    ((D(2020, 2, 1), D(2020, 2, 14)), r"\(2020\. február 3\.\)"),
    ((D(2020, 2, 10), D(2099, 1, 1)), "jövőbeli"),
])
def test_bad_signature_days_are_refused_naming_the_party(world, organisations, days, message):
    with pytest.raises(ValidationError, match=message):
        record(world, organisations, *days)
    assert not Agreement.objects.exists()


def test_a_party_twice_is_refused(world, organisations):
    with pytest.raises(ValidationError, match="kétszer"):
        record(world, [organisations[0], organisations[0]], D(2020, 2, 10), D(2020, 2, 10))


def test_in_force_until_may_not_precede_in_force_from(world, organisations):
    with pytest.raises(ValidationError):
        record(world, organisations, D(2020, 2, 10), D(2020, 2, 10),
               valid_from=D(2020, 3, 1), valid_until=D(2020, 2, 1))


def test_a_scan_per_party_is_kept_and_served_only_to_those_who_may(world, organisations,
                                                                   client):
    agreement = services.agreement_create(
        forum=world.forum, user=world.coordinator, kind="bilateral", title="Kétoldalú",
        purpose="x", drafted_on=D(2020, 2, 3), parties=[
            services.PartyEntry(organisation=o, signed_on=D(2020, 2, 5), signatory_name="A",
                                scan=SimpleUploadedFile("a.pdf", PDF))
            for o in organisations[:2]])
    signature = Signature.objects.get(party__agreement=agreement,
                                      party__organisation=organisations[0])
    assert signature.scan
    scan_url = reverse("agreements:signature_scan", kwargs={
        "forum": world.forum.slug, "pk": agreement.pk, "signature": signature.pk})
    client.force_login(world.settlement_officer)
    assert client.get(scan_url).status_code == 403
    client.force_login(world.coordinator)
    assert client.get(scan_url).status_code == 200


def test_correcting_the_drafted_on_day_after_a_signature(world, organisations):
    agreement = record(world, organisations, D(2020, 2, 10), D(2020, 2, 14))
    with pytest.raises(ValidationError, match=r"\(2020\. február 10\.\)"):
        services.agreement_update(agreement=agreement, drafted_on=D(2020, 2, 11))
    services.agreement_update(agreement=agreement, drafted_on=D(2020, 1, 11))


# --- the one form -----------------------------------------------------------------------


def _form_data(organisations, days, **extra):
    data = {"kind": "multilateral", "title": "Papíron aláírt", "drafted_on": "2020-02-03",
            "parties-TOTAL_FORMS": "8", "parties-INITIAL_FORMS": "0",
            "parties-MIN_NUM_FORMS": "0", "parties-MAX_NUM_FORMS": "60", **extra}
    for index, (organisation, day) in enumerate(zip(organisations, days, strict=True)):
        data[f"parties-{index}-organisation"] = str(organisation.pk)
        data[f"parties-{index}-signed_on"] = day
        data[f"parties-{index}-signatory_name"] = f"Aláíró {index}"
    return data


def test_the_one_form_records_a_signed_agreement(world, organisations, client):
    client.force_login(world.coordinator)
    url = reverse("agreements:record", kwargs={"forum": world.forum.slug})
    assert client.get(url).status_code == 200
    response = client.post(url, _form_data(organisations,
                                           ["2020-02-10", "2020-02-11", "2020-02-12"]))
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(title="Papíron aláírt")
    assert agreement.signed_on == D(2020, 2, 12) and agreement.purpose == "Papíron aláírt"
    assert Agreement.history.filter(id=agreement.pk).count() == 1


@pytest.mark.parametrize(("days", "extra", "message"), [
    (["2020-02-01", "2020-02-11"], {}, "nem lehet korábbi, mint amikor"),
    (["2099-02-10", "2020-02-11"], {}, "jövőbeli"),
    (["2020-02-10", "2020-02-11"], {"drafted_on": "2099-01-01"}, "jövőbeli"),
    (["2020-02-10", "2020-02-11"], {"valid_from": "2021-01-01", "valid_until": "2020-01-01"},
     "hatály vége"),
    (["2020-02-10"], {}, "legalább két felet"),
    (["2020,02,10", "-1"], {}, "Adjon meg"),
])
def test_the_one_form_names_bad_input(world, organisations, client, days, extra, message):
    client.force_login(world.coordinator)
    url = reverse("agreements:record", kwargs={"forum": world.forum.slug})
    response = client.post(url, _form_data(organisations[:len(days)], days, **extra))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Agreement.objects.exists()


def test_the_one_form_refuses_a_party_twice(world, organisations, client):
    client.force_login(world.coordinator)
    url = reverse("agreements:record", kwargs={"forum": world.forum.slug})
    response = client.post(url, _form_data([organisations[0]] * 2, ["2020-02-10"] * 2))
    assert "már szerepel a felek között" in response.content.decode()


def test_the_one_form_posted_empty_answers_with_messages(world, client):
    client.force_login(world.coordinator)
    url = reverse("agreements:record", kwargs={"forum": world.forum.slug})
    response = client.post(url, {})
    assert response.status_code == 200
    assert "Az űrlapon" in response.content.decode()


# --- a member signs for their organisation (issue 17) ----------------------------------


def _open(world, organisations):
    agreement = make_agreement(world.forum, parties=organisations)
    services.agreement_open(agreement=agreement)
    return agreement


def _sign_url(agreement, party):
    return reverse("agreements:signature_record", kwargs={
        "forum": agreement.forum.slug, "pk": agreement.pk, "party": party.pk})


def test_a_member_signs_for_their_organisation(world, organisations, member_client):
    agreement = _open(world, organisations)
    party = agreement.parties.get(organisation=world.organisation)
    detail = member_client.get(agreement.get_absolute_url()).content.decode()
    assert _sign_url(agreement, party) in detail
    assert member_client.get(_sign_url(agreement, party)).status_code == 200
    refused = member_client.post(_sign_url(agreement, party), {})
    assert "jelölje be" in refused.content.decode()
    response = member_client.post(_sign_url(agreement, party), {"confirm": "on"})
    assert response.status_code == 302
    signature = party.signatures.get()
    assert signature.method == SignatureMethod.ELECTRONIC
    assert signature.recorded_by == world.member
    assert signature.signed_on == timezone.localdate()
    assert signature.signatory_name == "Tag Tamás"


def test_a_member_cannot_sign_for_another_party_and_is_told_why(world, organisations,
                                                                member_client):
    agreement = _open(world, organisations)
    other = agreement.parties.exclude(organisation=world.organisation).first()
    response = member_client.get(_sign_url(agreement, other))
    assert response.status_code == 403
    assert other.organisation.name in response.content.decode()
    assert member_client.post(_sign_url(agreement, other), {"confirm": "on"}).status_code == 403
    assert not Signature.objects.exists()


def test_a_draft_tells_the_member_to_wait(world, organisations, member_client):
    agreement = make_agreement(world.forum, parties=organisations)
    party = agreement.parties.get(organisation=world.organisation)
    response = member_client.get(_sign_url(agreement, party))
    assert response.status_code == 403
    assert "aláírásra bocsátotta" in response.content.decode()


def test_the_members_workspace_offers_what_to_sign(world, organisations, member_client):
    agreement = _open(world, organisations)
    party = agreement.parties.get(organisation=world.organisation)
    page = member_client.get(reverse("forums:workspace", kwargs={"forum": world.forum.slug}))
    assert _sign_url(agreement, party) in page.content.decode()
