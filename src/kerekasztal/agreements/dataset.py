"""Synthetic agreements for the benchmark dataset (core/datasets/synthetic.py): per forum,
agreements of every kind with parties from the forum's organisations, most of them signed, with
commitments."""

import datetime

from kerekasztal.core.datasets.synthetic import DatasetContext

from .models import (
    Agreement,
    AgreementKind,
    AgreementVersion,
    Commitment,
    CommitmentStatus,
    Party,
    Signature,
)
from .templates_text import DEFAULT_TEMPLATES

AGREEMENTS_PER_FORUM = 15
SIGNED_SHARE = 0.7
KINDS = [kind for kind, _label in AgreementKind.choices]
SUBJECTS = ["a romák esélyegyenlőségéért", "a fogyatékkal élők esélyegyenlőségéért",
            "az oktatási esélyegyenlőségért", "az idősek ellátásáért",
            "a falugondnoki szolgáltatásokért", "a közösségi kertekért",
            "a szülői klubok működtetéséért", "a foglalkoztatásért"]


def generate(ctx: DatasetContext) -> None:
    for forum in ctx.forums:
        organisation_ids = ctx.ids.get(f"organisations:{forum.pk}", [])
        if len(organisation_ids) < 2:
            continue
        start = Agreement.objects.filter(forum=forum).count()
        plans = []
        for number in range(start, start + ctx.count(AGREEMENTS_PER_FORUM)):
            kind = ctx.rng.choice(KINDS)
            size = 2 if kind == AgreementKind.BILATERAL else ctx.rng.randint(2, 8)
            drafted = ctx.day(3000)
            signed = drafted + datetime.timedelta(days=ctx.rng.randint(10, 90)) \
                if ctx.rng.random() < SIGNED_SHARE else None
            plans.append((number, kind, ctx.sample(organisation_ids, size), drafted, signed))
        agreements = ctx.bulk(Agreement, (
            Agreement(
                forum=forum, kind=kind,
                title=f"Együttműködési megállapodás {ctx.rng.choice(SUBJECTS)} ({number + 1})",
                purpose="Az esélyegyenlőségi intézkedések összehangolása.",
                body=DEFAULT_TEMPLATES[kind][1], place=forum.name.split(" ")[0],
                drafted_on=drafted, opened_on=drafted, signed_on=signed,
                text_public=signed is not None,
            ) for number, kind, _parties, drafted, signed in plans
        ), "megállapodások")
        ctx.bulk(AgreementVersion, (
            AgreementVersion(agreement=agreement, number=1, title=agreement.title,
                             body=agreement.body, signed_on=agreement.signed_on)
            for agreement in agreements
        ), "szövegváltozatok")
        parties = ctx.bulk(Party, (
            Party(agreement=agreement, organisation_id=organisation_id, order=order,
                  signatory_name=ctx.person_name(), signatory_position="polgármester")
            for agreement, plan in zip(agreements, plans, strict=True)
            for order, organisation_id in enumerate(plan[2], start=1)
        ), "aláíró felek")
        by_agreement = {a.pk: a for a in agreements}
        ctx.bulk(Signature, (
            Signature(party=party, version=1, signed_on=by_agreement[party.agreement_id].signed_on,
                      signatory_name=party.signatory_name,
                      signatory_position=party.signatory_position)
            for party in parties if by_agreement[party.agreement_id].signed_on
        ), "aláírások")
        ctx.bulk(Commitment, (
            Commitment(agreement_id=party.agreement_id, party=party, order=party.order,
                       text="Részt vesz a közös intézkedések megvalósításában.",
                       status=ctx.rng.choice(CommitmentStatus.values))
            for party in parties if ctx.rng.random() < 0.5
        ), "vállalások")
