"""Agreements: drafts only for coordinators and the parties; signed ones for every forum
role; scans for coordinators, auditors and the parties; the register for everyone."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from . import DENY, LOGIN, MISSING, OK, ROLES, TOKEN, Row, forum, public, workspace

ALL = ("member", "settlement_officer", "auditor", "coordinator")
MANAGE = ("coordinator",)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _second_org(w):
    from tests.factories import OrganisationFactory

    return OrganisationFactory(forum=w.forum, name="Kőszeg Város Önkormányzata")


def _draft(w, *, with_member=True):
    from tests.agreements.conftest import make_agreement

    parties = [_second_org(w)] + ([w.organisation] if with_member else [])
    return make_agreement(w.forum, parties=parties)


def _signed(w):
    from kerekasztal.agreements import services
    from tests.agreements.conftest import backdate, make_agreement

    agreement = backdate(make_agreement(w.forum, parties=[w.organisation, _second_org(w)]))
    services.agreement_open(agreement=agreement)
    today = timezone.localdate()
    for party in agreement.parties.all():
        services.signature_record(party=party, signed_on=today, signatory_name="Aláíró",
                                  scan=SimpleUploadedFile("a.pdf", PDF))
    agreement.refresh_from_db()
    return agreement


def _kw(build):
    def kwargs(w):
        agreement = build(w)
        return {"forum": w.forum.slug, "pk": agreement.pk}
    return kwargs


signed = _kw(_signed)
draft_of_member = _kw(_draft)
draft_of_others = _kw(lambda w: _draft(w, with_member=False))


def _open(w):
    from kerekasztal.agreements import services

    agreement = _draft(w)
    services.agreement_open(agreement=agreement)
    return agreement


def _party(build=_draft, *, of_member=True):
    def kwargs(w):
        agreement = build(w)
        parties = agreement.parties.all()
        party = parties.get(organisation=w.organisation) if of_member else parties.exclude(
            organisation=w.organisation).first()
        return {"forum": w.forum.slug, "pk": agreement.pk, "party": party.pk}
    return kwargs


def _commitment(w):
    from kerekasztal.agreements import services

    agreement = _draft(w)
    commitment = services.commitment_create(agreement=agreement, text="Vállalás")
    return {"forum": w.forum.slug, "pk": agreement.pk, "commitment": commitment.pk}


def _commitment_of_others(w):
    from kerekasztal.agreements import services

    agreement = _draft(w)
    party = agreement.parties.exclude(organisation=w.organisation).get()
    commitment = services.commitment_create(agreement=agreement, party=party, text="Másé")
    return {"forum": w.forum.slug, "pk": agreement.pk, "commitment": commitment.pk}


def _signature(w):
    agreement = _signed(w)
    signature = agreement.parties.get(organisation=w.organisation).signatures.get()
    return {"forum": w.forum.slug, "pk": agreement.pk, "signature": signature.pk}


def _template(w):
    from kerekasztal.agreements.models import AgreementTemplate

    template = AgreementTemplate.objects.create(forum=w.forum, kind="thematic", name="Saját",
                                                body="<p>x</p>")
    return {"forum": w.forum.slug, "pk": template.pk}


def seen_by(*allowed, hidden=MISSING):
    """A workspace page of one agreement: the listed roles; other forum roles do not find it."""
    return {role: (LOGIN if role == "anonymous" else OK if role in allowed
                   else hidden if role in ALL else DENY) for role in ROLES}


def nowhere():
    return {role: MISSING for role in ROLES}


def _fmt(w):
    return {"forum": w.forum.slug, "fmt": "csv"}


ROWS = [
    Row("agreements:list", forum, workspace(*ALL)),
    Row("agreements:list", forum, workspace(*ALL), query="status=draft&kind=thematic"),
    Row("agreements:export", _fmt, workspace(*ALL)),
    Row("agreements:create", forum, workspace(*MANAGE)),
    Row("agreements:create", forum, workspace(*MANAGE), method="POST"),
    Row("agreements:record", forum, workspace(*MANAGE)),
    Row("agreements:record", forum, workspace(*MANAGE), method="POST"),
    Row("agreements:import", forum, workspace(*MANAGE)),
    Row("agreements:import_example", lambda w: {**forum(w), "fmt": "xlsx"},
        workspace(*MANAGE)),
    Row("agreements:import_preview", lambda w: {**forum(w), "batch": 999},
        {role: MISSING if role == "coordinator" else out
         for role, out in workspace(*MANAGE).items()}),
    Row("api:v1:agreements_create", lambda w: {"slug": w.forum.slug},
        {role: TOKEN for role in ROLES}, method="POST"),
    Row("agreements:template_list", forum, workspace(*MANAGE)),
    Row("agreements:template_create", forum, workspace(*MANAGE)),
    Row("agreements:template_edit", _template, workspace(*MANAGE)),
    Row("agreements:template_delete", _template, workspace(*MANAGE), method="POST"),
    # One agreement: signed ones for every role, drafts for the coordinator and parties.
    Row("agreements:detail", signed, workspace(*ALL)),
    Row("agreements:detail", draft_of_member, seen_by("coordinator", "member")),
    Row("agreements:detail", draft_of_others, seen_by("coordinator")),
    Row("agreements:pdf", draft_of_member, seen_by("coordinator", "member")),
    Row("agreements:docx", draft_of_others, seen_by("coordinator")),
    Row("agreements:docx", signed, workspace(*ALL)),
    Row("agreements:version", lambda w: {**draft_of_others(w), "number": 1},
        seen_by("coordinator")),
    Row("agreements:diff", signed, workspace(*ALL)),
    Row("agreements:edit", draft_of_member, workspace(*MANAGE)),
    Row("agreements:open", draft_of_member, workspace(*MANAGE), method="POST"),
    Row("agreements:publish", signed, workspace(*MANAGE), method="POST"),
    Row("agreements:terminate", signed, workspace(*MANAGE)),
    Row("agreements:party_add", draft_of_member, workspace(*MANAGE)),
    Row("agreements:party_edit", _party(), workspace(*MANAGE)),
    Row("agreements:party_remove", _party(), workspace(*MANAGE), method="POST"),
    Row("agreements:party_withdraw", _party(), workspace(*MANAGE)),
    # Signing: the coordinator records; the member signs for their organisation once the
    # agreement is open (a draft, or another party, is a 403 that says what to do).
    Row("agreements:signature_record", _party(), workspace(*MANAGE)),
    Row("agreements:signature_record", _party(_open), workspace("coordinator", "member")),
    Row("agreements:signature_record", _party(_open, of_member=False),
        workspace("coordinator")),
    Row("agreements:signature_delete", _signature, workspace(*MANAGE), method="POST"),
    Row("agreements:signature_scan", _signature,
        workspace("coordinator", "auditor", "member")),
    Row("agreements:commitment_create", draft_of_member, workspace(*MANAGE)),
    Row("agreements:commitment_edit", _commitment, workspace(*MANAGE)),
    # Progress: coordinators, and members on commitments of their organisation.
    Row("agreements:commitment_note", _commitment, workspace("coordinator", "member")),
    Row("agreements:commitment_note", _commitment_of_others, workspace("coordinator")),
    # The public register: signed agreements for everyone, drafts for nobody.
    Row("agreements:register", forum, public()),
    Row("agreements:register_export", _fmt, public()),
    Row("agreements:public_detail", signed, public()),
    Row("agreements:public_detail", draft_of_member, nowhere()),
]
