"""Workspace pages, documents and the public register."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from kerekasztal.agreements import services
from kerekasztal.agreements.models import Agreement, AgreementTemplate, Signature, Status
from tests.factories import OrganisationFactory

from .conftest import backdate, make_agreement, sign

pytestmark = pytest.mark.django_db

D = datetime.date
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def url(name, agreement=None, **kwargs):
    if agreement is not None:
        kwargs = {"forum": agreement.forum.slug, "pk": agreement.pk, **kwargs}
    return reverse(f"agreements:{name}", kwargs=kwargs)


def signed(agreement):
    services.agreement_open(agreement=agreement, on=D(2024, 3, 5))
    for party in agreement.parties.all():
        sign(party, D(2024, 3, 10))
    agreement.refresh_from_db()
    return agreement


def test_coordinator_drafts_from_a_template_adds_parties_opens_and_records_signatures(
        coordinator_client, world, organisations, media):
    forum = world.forum.slug
    response = coordinator_client.post(url("create", forum=forum), {
        "kind": "thematic", "template": "builtin:thematic",
        "title": "Tematikus megállapodás a fogyatékkal élők esélyegyenlőségéért",
        "purpose": "Akadálymentes szolgáltatások összehangolása.", "body": "",
        "signature_rule": "all",
    })
    agreement = Agreement.objects.get()
    assert response.status_code == 302
    assert "[[felek]]" in agreement.body  # the built-in template, placeholders kept
    # Parties; the same organisation twice is refused next to the field.
    for organisation in organisations:
        coordinator_client.post(url("party_add", agreement), {
            "organisation": organisation.pk, "role": "party",
            "signatory_name": f"Vezető {organisation.pk}", "signatory_position": "elnök"})
    response = coordinator_client.post(url("party_add", agreement), {
        "organisation": organisations[0].pk, "role": "party"})
    assert response.status_code == 200
    assert "Ez a szervezet már szerepel a felek között." in response.content.decode()
    assert agreement.parties.count() == 3
    # The text shows the parties in place of the placeholder.
    page = coordinator_client.get(url("detail", agreement)).content.decode()
    assert "Kőszegi Roma Nemzetiségi Önkormányzat" in page
    assert "[[felek]]" not in page
    coordinator_client.post(url("open", agreement))
    agreement.refresh_from_db()
    assert agreement.status == Status.OPEN
    # Signatures: a future date is refused, nothing saved.
    party = agreement.parties.first()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = coordinator_client.post(url("signature_record", agreement, party=party.pk), {
        "signed_on": tomorrow.isoformat(), "signatory_name": "Szabó Péter"})
    assert "nem lehet jövőbeli" in response.content.decode()
    assert not Signature.objects.exists()
    today = timezone.localdate().isoformat()
    for party in agreement.parties.all():
        coordinator_client.post(url("signature_record", agreement, party=party.pk), {
            "signed_on": today, "signatory_name": "Szabó Péter",
            "signatory_position": "polgármester",
            "scan": SimpleUploadedFile("alairt.pdf", PDF, content_type="application/pdf")})
    agreement.refresh_from_db()
    assert agreement.status == Status.IN_FORCE
    signature = Signature.objects.first()
    response = coordinator_client.get(url("signature_scan", agreement, signature=signature.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_bad_scan_is_refused_next_to_the_field(coordinator_client, agreement, media):
    services.agreement_open(agreement=agreement)
    party = agreement.parties.first()
    response = coordinator_client.post(url("signature_record", agreement, party=party.pk), {
        "signed_on": timezone.localdate().isoformat(), "signatory_name": "Szabó Péter",
        "scan": SimpleUploadedFile("x.pdf", b"<html>nem pdf</html>")})
    assert response.status_code == 200
    assert 'id="id_scan_error"' in response.content.decode()
    assert not Signature.objects.exists()


def test_until_before_from_is_shown_next_to_the_field(coordinator_client, world):
    response = coordinator_client.post(url("create", forum=world.forum.slug), {
        "kind": "multilateral", "title": "Próba", "purpose": "Próba", "signature_rule": "all",
        "valid_from": "2025-01-01", "valid_until": "2024-01-01"})
    assert response.status_code == 200
    assert 'id="id_valid_until_error"' in response.content.decode()
    assert not Agreement.objects.exists()


def test_editing_after_a_signature_warns_and_makes_a_new_version(coordinator_client, agreement):
    services.agreement_open(agreement=agreement)
    sign(agreement.parties.first(), D(2024, 3, 10))
    response = coordinator_client.post(url("edit", agreement), {
        "kind": agreement.kind, "title": agreement.title, "purpose": agreement.purpose,
        "body": "<p>Módosított szöveg.</p>", "signature_rule": "all",
        "note": "A 2. pont pontosítása"}, follow=True)
    agreement.refresh_from_db()
    assert agreement.version == 2
    assert "2. szövegváltozat" in response.content.decode()
    diff = coordinator_client.get(url("diff", agreement) + "?a=1&b=2").content.decode()
    assert "<ins>" in diff and "Módosított szöveg." in diff
    assert "<del>" in diff
    old = coordinator_client.get(url("version", agreement, number=1)).content.decode()
    assert "Tematikus együttműködési megállapodás" in old


# --- who sees drafts -----------------------------------------------------------------------


def test_drafts_are_seen_by_coordinators_and_parties_only(client, world, organisations):
    draft = make_agreement(world.forum, parties=organisations[1:], title="Csak koordinátor")
    party_draft = make_agreement(world.forum, parties=organisations, title="Tag is fél")
    for user, expected in [(world.coordinator, {draft, party_draft}),
                           (world.member, {party_draft}), (world.auditor, set()),
                           (world.settlement_officer, set())]:
        client.force_login(user)
        page = client.get(url("list", forum=world.forum.slug)).content.decode()
        for agreement in (draft, party_draft):
            assert (agreement.title in page) == (agreement in expected), (user, agreement)
            status = client.get(url("detail", agreement)).status_code
            assert status == (200 if agreement in expected else 404)


def test_a_member_sees_the_commitments_of_the_organisation(member_client, world, organisations):
    agreement = make_agreement(world.forum, parties=organisations)
    party = agreement.parties.get(organisation=world.organisation)
    services.commitment_create(agreement=agreement, party=party,
                               text="Bozsok biztosítja a közösségi teret.")
    services.commitment_create(agreement=agreement, party=agreement.parties.last(),
                               text="Más szervezet vállalása.")
    page = member_client.get(url("list", forum=world.forum.slug)).content.decode()
    assert "Bozsok biztosítja a közösségi teret." in page
    assert "Más szervezet vállalása." not in page


def test_scans_are_for_coordinators_auditors_and_parties(client, world, organisations, media):
    agreement = backdate(make_agreement(world.forum, parties=organisations[1:]))
    services.agreement_open(agreement=agreement)
    party = agreement.parties.first()
    signature = services.signature_record(
        party=party, signed_on=timezone.localdate(), signatory_name="Aláíró",
        scan=SimpleUploadedFile("a.pdf", PDF))
    target = url("signature_scan", agreement, signature=signature.pk)
    for user, status in [(world.coordinator, 200), (world.auditor, 404), (world.member, 404),
                         (world.outsider, 403)]:
        client.force_login(user)
        assert client.get(target).status_code == status, user
    for other in agreement.parties.all():
        if not other.current_signature:
            sign(other, timezone.localdate())
    client.force_login(world.auditor)
    assert client.get(target).status_code == 200
    client.force_login(world.member)  # signed now, but the member's organisation is no party
    assert client.get(target).status_code == 403


# --- lists: exports and query counts -------------------------------------------------------


def _many(world, organisations, n, start=0):
    for i in range(start, start + n):
        agreement = make_agreement(world.forum, parties=organisations, title=f"Megállapodás {i}")
        backdate(agreement)
        signed(agreement)


@pytest.mark.parametrize("name,public", [("list", False), ("register", True)])
def test_list_queries_do_not_grow_with_the_data(client, world, organisations, name, public):
    client.force_login(world.coordinator)
    target = url(name, forum=world.forum.slug)
    _many(world, organisations, 2)
    client.get(target)
    with CaptureQueriesContext(connection) as few:
        client.get(target)
    _many(world, organisations, 10, start=2)
    with CaptureQueriesContext(connection) as many:
        response = client.get(target)
    assert "Megállapodás 11" in response.content.decode()
    assert len(many) == len(few)


def test_exports_give_csv_and_xlsx_of_the_list(coordinator_client, world, organisations):
    _many(world, organisations, 2)
    csv = coordinator_client.get(url("export", forum=world.forum.slug, fmt="csv"))
    text = csv.content.decode("utf-8-sig")
    assert "Megállapodás 1" in text and "Hatályos" in text
    xlsx = coordinator_client.get(url("register_export", forum=world.forum.slug, fmt="xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3
    assert "Kőszegi Roma Nemzetiségi Önkormányzat" in sheet.cell(2, 4).value


# --- documents -----------------------------------------------------------------------------


def test_the_pdf_to_sign_has_the_text_parties_and_signature_blocks(coordinator_client,
                                                                   agreement):
    services.commitment_create(agreement=agreement, party=agreement.parties.first(),
                               text="Évente két érzékenyítő tréninget szervez.")
    services.party_update(party=agreement.parties.first(), signatory_name="Szabó Péter",
                          signatory_position="polgármester")
    response = coordinator_client.get(url("pdf", agreement))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Tematikus megállapodás a romák esélyegyenlőségéért" in text
    assert "Kőszegi Roma Nemzetiségi Önkormányzat" in text
    assert "Évente két érzékenyítő tréninget szervez." in text
    assert "Szabó Péter" in text
    assert "Kelt:" in text
    assert "[[" not in text


def test_the_docx_is_editable_with_hungarian_text(coordinator_client, agreement):
    response = coordinator_client.get(url("docx", agreement))
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Tematikus megállapodás a romák esélyegyenlőségéért" in text
    assert "összehangolják" in text
    assert "Kőszeg Város Önkormányzata" in cells
    assert "Kelt:" in text


HOSTILE = r'#set text(red) $x^2$ *félkövér* _dőlt_ <címke> @hivatkozás \ #import "x"'


def test_the_pdf_is_tagged_says_what_the_docx_says_and_prints_users_text_literally(
        coordinator_client, agreement):
    """Issue 19: PDF/UA (tags, title, language), the same words as the Word file, a user's
    Typst or markup characters printed as written, a missing deadline as '–'."""
    from tests.documents.checks import assert_accessible_pdf, assert_same_things

    services.agreement_update(agreement=agreement, title=agreement.title,
                              purpose=f"Tárgy {HOSTILE}")
    services.commitment_create(agreement=agreement, party=agreement.parties.first(),
                               text=f"Vállalás {HOSTILE}")
    agreement.refresh_from_db()
    pdf = coordinator_client.get(url("pdf", agreement)).content
    docx = coordinator_client.get(url("docx", agreement)).content
    assert_accessible_pdf(pdf, agreement.title)
    assert_same_things(pdf, docx)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(re.sub("[-\xad]\n", "", text).split())
    assert f"Tárgy: Tárgy {HOSTILE}" in flat
    assert f"Vállalás {HOSTILE} –" in flat  # no deadline: a dash


# --- the public register -------------------------------------------------------------------


def test_the_register_shows_signed_agreements_and_never_drafts(client, world, organisations):
    draft = make_agreement(world.forum, parties=organisations, title="Titkos tervezet")
    services.agreement_open(agreement=draft)
    done = signed(backdate(make_agreement(world.forum, parties=organisations,
                                          title="Aláírt megállapodás")))
    page = client.get(url("register", forum=world.forum.slug)).content.decode()
    assert "Aláírt megállapodás" in page
    assert "Titkos tervezet" not in page
    assert client.get(reverse("agreements:public_detail", kwargs={
        "forum": world.forum.slug, "pk": draft.pk})).status_code == 404
    detail = client.get(reverse("agreements:public_detail", kwargs={
        "forum": world.forum.slug, "pk": done.pk})).content.decode()
    assert "Kőszegi Roma Nemzetiségi Önkormányzat" in detail
    assert "A megállapodás szövege" not in detail
    services.agreement_set_text_public(agreement=done, public=True)
    detail = client.get(reverse("agreements:public_detail", kwargs={
        "forum": world.forum.slug, "pk": done.pk})).content.decode()
    assert "A megállapodás szövege" in detail
    other = client.get(reverse("agreements:register", kwargs={
        "forum": world.other_forum.slug})).content.decode()
    assert "Aláírt megállapodás" not in other


def test_a_member_reports_progress_on_the_organisations_commitment(member_client, world,
                                                                   organisations):
    agreement = make_agreement(world.forum, parties=organisations)
    own = services.commitment_create(
        agreement=agreement, party=agreement.parties.get(organisation=world.organisation),
        text="Bozsok biztosítja a közösségi teret.")
    others = services.commitment_create(agreement=agreement, party=agreement.parties.last(),
                                        text="Más vállalása.")
    target = url("commitment_note", agreement, commitment=own.pk)
    response = member_client.post(target, {"noted_on": timezone.localdate().isoformat(),
                                           "status": "done", "text": "Átadtuk a termet."})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "done"
    assert own.notes.get().author == world.member
    assert member_client.get(url("commitment_note", agreement,
                                 commitment=others.pk)).status_code == 403


def test_a_forum_template_is_managed_and_used_for_a_draft(coordinator_client, world):
    forum = world.forum.slug
    page = coordinator_client.get(url("template_create", forum=forum) + "?from=bilateral")
    assert "Kétoldalú együttműködési megállapodás" in page.content.decode()
    coordinator_client.post(url("template_create", forum=forum), {
        "kind": "bilateral", "name": "Iskola–önkormányzat",
        "body": "<p>A [[fórum]] keretében: [[felek]].</p><script>x</script>"})
    template = AgreementTemplate.objects.get()
    assert template.body == "<p>A [[fórum]] keretében: [[felek]].</p>"
    response = coordinator_client.post(url("create", forum=forum), {
        "kind": "bilateral", "template": str(template.pk), "title": "Kétoldalú",
        "purpose": "Próba", "body": "", "signature_rule": "all"})
    assert response.status_code == 302
    agreement = Agreement.objects.get()
    assert agreement.body == template.body
    page = coordinator_client.get(url("detail", agreement)).content.decode()
    assert "A Kőszegi Járási Felzárkózási Kerekasztal keretében" in page
    coordinator_client.post(url("template_delete", forum=forum, pk=template.pk))
    assert not AgreementTemplate.objects.exists()


def test_commitments_withdrawal_and_termination_through_the_pages(coordinator_client,
                                                                   agreement):
    party = agreement.parties.first()
    coordinator_client.post(url("commitment_create", agreement), {
        "party": party.pk, "text": "Évente két szülői klub.", "due_on": "2025-12-31",
        "status": "planned"})
    commitment = agreement.commitments.get()
    coordinator_client.post(url("commitment_edit", agreement, commitment=commitment.pk), {
        "party": "", "text": "Évente három szülői klub.", "status": "in_progress"})
    commitment.refresh_from_db()
    assert commitment.party is None and commitment.status == "in_progress"
    signed(agreement)
    response = coordinator_client.post(url("party_withdraw", agreement, party=party.pk), {
        "withdrawn_on": "2024-01-01", "withdrawal_reason": "Korai"})
    assert 'id="id_withdrawn_on_error"' in response.content.decode()
    coordinator_client.post(url("party_withdraw", agreement, party=party.pk), {
        "withdrawn_on": "2025-01-31", "withdrawal_reason": "A szervezet megszűnt."})
    party.refresh_from_db()
    assert party.withdrawn_on == D(2025, 1, 31)
    response = coordinator_client.post(url("terminate", agreement), {
        "terminated_on": "2024-03-01", "termination_reason": "x"})
    assert 'id="id_terminated_on_error"' in response.content.decode()
    coordinator_client.post(url("terminate", agreement), {
        "terminated_on": "2025-06-30", "termination_reason": "Közös megegyezés."})
    agreement.refresh_from_db()
    assert agreement.status == Status.TERMINATED
    page = coordinator_client.get(url("detail", agreement)).content.decode()
    assert "Megszűnt" in page and "Aláírás rögzítése" not in page


def test_the_signatory_can_be_picked_from_the_directory(coordinator_client, world, agreement):
    organisation = OrganisationFactory(forum=world.forum, name="Cák Község Önkormányzata")
    world.representative.organisations.add(organisation)
    world.representative.position = "polgármester"
    world.representative.save()
    coordinator_client.post(url("party_add", agreement), {
        "organisation": organisation.pk, "role": "party",
        "signatory": world.representative.pk})
    party = agreement.parties.get(organisation=organisation)
    assert (party.signatory_name, party.signatory_position) == ("Tag Tamás", "polgármester")
