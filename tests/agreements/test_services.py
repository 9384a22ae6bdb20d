"""Status derivation, signatures, versions, withdrawal, expiry and bad input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kerekasztal.agreements import services
from kerekasztal.agreements.models import Agreement, Signature, SignatureRule, Status
from kerekasztal.agreements.queries import public_text
from kerekasztal.core.contracts import indicator_rules
from kerekasztal.core.records import links
from kerekasztal.forums.models import Forum, Membership
from tests.factories import OrganisationFactory

from .conftest import backdate, make_agreement, sign

pytestmark = pytest.mark.django_db

D = datetime.date


def parties(agreement):
    return list(agreement.parties.order_by("order"))


def test_a_new_agreement_is_a_draft_with_its_first_version(agreement):
    assert agreement.status == Status.DRAFT
    assert agreement.version == 1
    assert list(agreement.versions.values_list("number", flat=True)) == [1]


def test_opening_needs_two_parties_and_a_text(world):
    lonely = make_agreement(world.forum, parties=[world.organisation], body="")
    with pytest.raises(ValidationError) as exc:
        services.agreement_open(agreement=lonely)
    assert "legalább két felet" in str(exc.value)
    assert "szövegét" in str(exc.value)
    lonely.refresh_from_db()
    assert lonely.opened_on is None


def test_status_goes_from_open_to_in_force_when_every_party_signed(opened):
    first, second, third = parties(opened)
    assert opened.status == Status.OPEN
    sign(first, D(2024, 3, 10))
    sign(second, D(2024, 3, 12))
    opened.refresh_from_db()
    assert opened.status == Status.OPEN
    assert opened.signed_on is None
    sign(third, D(2024, 3, 20))
    opened.refresh_from_db()
    assert opened.signed_on == D(2024, 3, 20)
    assert opened.status == Status.IN_FORCE
    assert opened.status_on(D(2024, 3, 19)) == Status.OPEN


def test_a_chosen_minimum_of_signatures_brings_it_into_force(agreement):
    services.agreement_update(agreement=agreement, signature_rule=SignatureRule.MINIMUM,
                              minimum_signatures=2)
    backdate(agreement)
    services.agreement_open(agreement=agreement)
    first, second, _third = parties(agreement)
    sign(first, D(2024, 3, 10))
    sign(second, D(2024, 4, 2))
    agreement.refresh_from_db()
    assert agreement.signed_on == D(2024, 4, 2)
    assert agreement.status == Status.IN_FORCE


def test_a_later_validity_start_keeps_a_signed_agreement_waiting(opened):
    start = timezone.localdate() + datetime.timedelta(days=30)
    services.agreement_update(agreement=opened, valid_from=start)
    backdate(opened)
    for party in parties(opened):
        sign(party, D(2024, 3, 10))
    opened.refresh_from_db()
    assert opened.status == Status.SIGNED
    assert opened.in_force_from == start
    assert opened.status_on(start) == Status.IN_FORCE


def test_an_agreement_expires_after_its_last_day(opened):
    services.agreement_update(agreement=opened, valid_until=D(2026, 12, 31))
    backdate(opened)
    for party in parties(opened):
        sign(party, D(2024, 3, 10))
    opened.refresh_from_db()
    assert opened.status_on(D(2026, 12, 31)) == Status.IN_FORCE
    assert opened.status_on(D(2027, 1, 1)) == Status.EXPIRED


def test_the_sql_status_matches_the_derived_status(opened, world, organisations):
    draft = make_agreement(world.forum, parties=organisations[:2], title="Tervezet")
    for party in parties(opened):
        sign(party, D(2024, 3, 10))
    for day in (D(2024, 3, 9), D(2024, 3, 10), D(2030, 1, 1)):
        got = dict(Agreement.objects.with_status(day).values_list("pk", "status_code"))
        opened.refresh_from_db()
        assert got == {opened.pk: opened.status_on(day), draft.pk: Status.DRAFT}


def test_changing_the_text_after_a_signature_starts_a_new_version_and_resets_signatures(
        opened, world):
    first, second, third = parties(opened)
    sign(first, D(2024, 3, 10))
    services.agreement_update(agreement=opened, user=world.coordinator,
                              body="<p>Új szöveg a [[fórum]] számára.</p>", note="Javítás")
    opened.refresh_from_db()
    assert opened.version == 2
    assert first.current_signature is None
    assert Signature.objects.filter(party=first, version=1).exists()  # kept on record
    versions = list(opened.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert "romákat" in versions[0].body.lower() or versions[0].body != versions[1].body
    assert versions[1].note == "Javítás"
    # The new version needs every party again, dated from the new text on.
    today = timezone.localdate()
    with pytest.raises(ValidationError) as exc:
        sign(second, D(2024, 3, 11))
    assert "signed_on" in exc.value.message_dict
    for party in (first, second, third):
        sign(party, today)
    opened.refresh_from_db()
    assert opened.signed_on == today


def test_changing_the_text_before_any_signature_keeps_the_version(opened):
    services.agreement_update(agreement=opened, body="<p>Pontosított szöveg.</p>")
    opened.refresh_from_db()
    assert opened.version == 1
    assert opened.versions.get().body == "<p>Pontosított szöveg.</p>"


def test_changing_topics_after_signature_is_no_new_version(opened):
    sign(parties(opened)[0], D(2024, 3, 10))
    services.agreement_update(agreement=opened, purpose="Pontosított cél.")
    opened.refresh_from_db()
    assert opened.version == 1


def test_rich_text_is_sanitised(world):
    agreement = make_agreement(world.forum, body='<p onclick="x()">Szöveg<script>alert(1)'
                                                  '</script></p>')
    assert agreement.body == "<p>Szöveg</p>"


def test_a_party_that_withdraws_before_signing_is_no_longer_needed(opened):
    first, second, third = parties(opened)
    sign(first, D(2024, 3, 10))
    sign(second, D(2024, 3, 11))
    services.party_withdraw(party=third, on=D(2024, 3, 15), reason="A testület nem támogatta.")
    opened.refresh_from_db()
    assert opened.signed_on == D(2024, 3, 15)
    assert opened.status == Status.IN_FORCE
    with pytest.raises(ValidationError):
        sign(third, D(2024, 3, 16))


def test_a_withdrawal_after_signing_keeps_the_agreement_in_force(opened):
    for party in parties(opened):
        sign(party, D(2024, 3, 10))
    services.party_withdraw(party=parties(opened)[0], on=D(2025, 1, 31), reason="Megszűnt.")
    opened.refresh_from_db()
    assert opened.signed_on == D(2024, 3, 10)
    assert opened.status == Status.IN_FORCE


def test_withdrawal_date_before_the_draft_is_refused(opened):
    with pytest.raises(ValidationError) as exc:
        services.party_withdraw(party=parties(opened)[0], on=D(2024, 2, 1), reason="x")
    assert "withdrawn_on" in exc.value.message_dict


def test_termination_ends_the_agreement(opened):
    for party in parties(opened):
        sign(party, D(2024, 3, 10))
    with pytest.raises(ValidationError):
        services.agreement_terminate(agreement=opened, on=D(2024, 3, 1), reason="x")
    services.agreement_terminate(agreement=opened, on=D(2025, 6, 30),
                                 reason="A felek közös megegyezéssel megszüntették.")
    opened.refresh_from_db()
    assert opened.status == Status.TERMINATED
    assert opened.status_on(D(2025, 6, 29)) == Status.IN_FORCE
    with pytest.raises(ValidationError):
        services.agreement_update(agreement=opened, body="<p>x</p>")


def test_a_draft_cannot_be_terminated(agreement):
    with pytest.raises(ValidationError):
        services.agreement_terminate(agreement=agreement, on=D(2024, 5, 1), reason="x")


# --- bad input ---------------------------------------------------------------------------


def test_a_party_twice_is_refused_with_a_message(agreement, world):
    with pytest.raises(ValidationError) as exc:
        services.party_add(agreement=agreement, organisation=world.organisation)
    assert exc.value.message_dict["organisation"] == [
        "Ez a szervezet már szerepel a felek között."]
    assert agreement.parties.count() == 3


def test_an_organisation_of_another_forum_cannot_be_a_party(agreement, world):
    with pytest.raises(ValidationError):
        services.party_add(agreement=agreement, organisation=world.other_organisation)


def test_a_signature_in_the_future_is_refused(opened):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        sign(parties(opened)[0], tomorrow)
    assert exc.value.message_dict["signed_on"] == ["Az aláírás napja nem lehet jövőbeli."]
    assert not Signature.objects.exists()


def test_a_signature_before_the_draft_existed_is_refused(opened):
    with pytest.raises(ValidationError) as exc:
        sign(parties(opened)[0], D(2024, 2, 28))
    assert "korábbi" in exc.value.message_dict["signed_on"][0]
    assert not Signature.objects.exists()


def test_a_draft_cannot_be_signed(agreement):
    with pytest.raises(ValidationError):
        sign(parties(agreement)[0], D(2024, 3, 10))


def test_a_party_signs_a_version_only_once(opened):
    party = parties(opened)[0]
    sign(party, D(2024, 3, 10))
    with pytest.raises(ValidationError):
        sign(party, D(2024, 3, 11))
    assert Signature.objects.count() == 1


def test_until_before_from_is_refused_and_nothing_saved(world):
    with pytest.raises(ValidationError) as exc:
        make_agreement(world.forum, valid_from=D(2025, 1, 1), valid_until=D(2024, 12, 31))
    assert "valid_until" in exc.value.message_dict
    assert not Agreement.objects.exists()


def test_minimum_rule_needs_a_number(world):
    with pytest.raises(ValidationError) as exc:
        make_agreement(world.forum, signature_rule=SignatureRule.MINIMUM)
    assert "minimum_signatures" in exc.value.message_dict


def test_a_bilateral_agreement_has_two_parties(world, organisations):
    agreement = make_agreement(world.forum, kind="bilateral", parties=organisations[:2])
    with pytest.raises(ValidationError):
        services.party_add(agreement=agreement, organisation=organisations[2])


def test_removing_a_signed_party_is_refused(opened):
    party = parties(opened)[0]
    sign(party, D(2024, 3, 10))
    with pytest.raises(ValidationError):
        services.party_remove(party=party)
    services.party_remove(party=parties(opened)[1])
    assert opened.parties.count() == 2


def test_deleting_a_mistaken_signature_reopens(opened):
    signatures = [sign(party, D(2024, 3, 10)) for party in parties(opened)]
    services.signature_delete(signature=signatures[0])
    opened.refresh_from_db()
    assert opened.status == Status.OPEN


# --- commitments and links ---------------------------------------------------------------


def test_a_progress_note_sets_the_commitments_status(agreement):
    commitment = services.commitment_create(agreement=agreement, party=parties(agreement)[0],
                                            text="Évente két szülői klubot szervez.",
                                            due_on=D(2025, 12, 31))
    services.commitment_note_add(commitment=commitment, noted_on=D(2024, 6, 1),
                                 status="in_progress", text="Az első klub megvolt.")
    commitment.refresh_from_db()
    assert commitment.status == "in_progress"
    with pytest.raises(ValidationError):
        services.commitment_note_add(commitment=commitment,
                                     noted_on=timezone.localdate() + datetime.timedelta(days=2),
                                     status="done", text="x")


def test_a_commitment_of_a_party_of_another_agreement_is_refused(agreement, world,
                                                                 organisations):
    other = make_agreement(world.forum, parties=organisations[:2], title="Másik")
    with pytest.raises(ValidationError):
        services.commitment_create(agreement=agreement, party=other.parties.first(), text="x")


def test_commitments_and_agreements_link_to_records_of_other_apps(agreement, world):
    commitment = services.commitment_create(agreement=agreement, text="Közös vállalás")
    # A membership stands in for a plan measure / service gap: any record with a forum.
    stand_in = Membership.objects.get(pk=world.membership.pk)
    services.commitment_link_measure(commitment=commitment, measure=stand_in)
    services.agreement_link_gap(agreement=agreement, gap=stand_in)
    assert links.targets_of(commitment, kind="measure") == [stand_in]
    assert links.targets_of(agreement, kind="addresses") == [stand_in]


def test_history_records_who_changed_the_agreement(agreement, world):
    services.agreement_update(agreement=agreement, user=world.coordinator, title="Új cím")
    latest = agreement.history.first()
    assert latest.title == "Új cím"
    assert latest.history_user == world.coordinator


def test_backdate_helper_is_consistent(world, organisations):
    agreement = backdate(make_agreement(world.forum, parties=organisations))
    assert timezone.localtime(agreement.created_at).date() == D(2024, 3, 1)
    assert OrganisationFactory  # the factory is shared with other tests


def test_an_amendment_of_an_agreement_in_force_keeps_the_signed_text_in_force(opened, world):
    for party in parties(opened):
        sign(party, D(2024, 3, 10))
    services.agreement_set_text_public(agreement=opened, public=True)
    services.agreement_update(agreement=opened, body="<p>Módosított szöveg.</p>")
    opened.refresh_from_db()
    assert opened.version == 2
    assert opened.signed_on == D(2024, 3, 10)
    assert opened.status == Status.IN_FORCE
    assert "Módosított" not in public_text(opened)  # the signed version 1 is in force
    rule = indicator_rules()["agreements.signed"]
    assert rule.value(Forum.objects.filter(pk=world.forum.pk), D(2024, 3, 10)) == 1
    today = timezone.localdate()
    for party in parties(opened):
        sign(party, today)
    opened.refresh_from_db()
    assert opened.signed_on == D(2024, 3, 10)  # first signed; version 2 signed today
    assert opened.versions.get(number=2).signed_on == today
    assert "Módosított szöveg." in public_text(opened)
