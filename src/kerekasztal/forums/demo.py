"""Demo forum modelled on the Kőszeg district roundtable (seed koszeg-arop-0019.txt).

The organisations follow the kinds of a real roundtable; the people and their contact
details are invented (example.org).
"""

import datetime

from django.contrib.auth.models import Permission

from kerekasztal.core.datasets.demo import DEMO_PASSWORD, DemoContext
from kerekasztal.core.models import User
from kerekasztal.directory import services as directory_services
from kerekasztal.directory.models import LegalBasis, Organisation, OrganisationKind, Person
from kerekasztal.territory.models import District, Settlement

from . import services
from .models import AccessRole, Forum, ForumAccess, ForumKind, Membership, MembershipRole

SLUG = "koszegi-jarasi-kerekasztal"
FOUNDED = datetime.date(2015, 6, 16)
K = OrganisationKind
R = MembershipRole

# name, kind, seat, role, representative, position
ORGANISATIONS = [
    ("Kőszeg Város Önkormányzata", K.LOCAL_GOVERNMENT, "Kőszeg", R.CHAIR,
     "Horváth Katalin", "felzárkózási munkatárs"),
    ("Bozsok Község Önkormányzata", K.LOCAL_GOVERNMENT, "Bozsok", R.MEMBER,
     "Szabó Péter", "polgármester"),
    ("Bük Város Önkormányzata", K.LOCAL_GOVERNMENT, "Bük", R.MEMBER,
     "Tóth Erzsébet", "jegyző"),
    ("Cák Község Önkormányzata", K.LOCAL_GOVERNMENT, "Cák", R.MEMBER,
     "Varga József", "polgármester"),
    ("Csepreg Város Önkormányzata", K.LOCAL_GOVERNMENT, "Csepreg", R.MEMBER,
     "Kiss Andrea", "HEP-referens"),
    ("Horvátzsidány Község Önkormányzata", K.LOCAL_GOVERNMENT, "Horvátzsidány", R.MEMBER,
     "Molnár István", "polgármester"),
    ("Lukácsháza Község Önkormányzata", K.LOCAL_GOVERNMENT, "Lukácsháza", R.MEMBER,
     "Németh Judit", "aljegyző"),
    ("Peresznye Község Önkormányzata", K.LOCAL_GOVERNMENT, "Peresznye", R.MEMBER,
     "Farkas Zoltán", "polgármester"),
    ("Velem Község Önkormányzata", K.LOCAL_GOVERNMENT, "Velem", R.MEMBER,
     "Balogh Éva", "polgármester"),
    ("Kőszegszerdahely Község Önkormányzata", K.LOCAL_GOVERNMENT, "Kőszegszerdahely", R.MEMBER,
     "Papp László", "polgármester"),
    ("Horvátzsidányi Horvát Nemzetiségi Önkormányzat", K.NATIONALITY_SELF_GOVERNMENT,
     "Horvátzsidány", R.MEMBER, "Takács Marija", "elnök"),
    ("Kőszegi Roma Nemzetiségi Önkormányzat", K.NATIONALITY_SELF_GOVERNMENT, "Kőszeg",
     R.MEMBER, "Lakatos Gábor", "elnök"),
    ("Kőszegi Család- és Gyermekjóléti Szolgálat", K.SOCIAL, "Kőszeg", R.MEMBER,
     "Juhász Mónika", "intézményvezető"),
    ("Kőszegi Járási Hivatal", K.STATE, "Kőszeg", R.PERMANENT_INVITEE,
     "Mészáros Tamás", "hivatalvezető"),
    ("Szombathelyi Tankerületi Központ", K.STATE, "Szombathely", R.PERMANENT_INVITEE,
     "Simon Ágnes", "tankerületi igazgató-helyettes"),
    ("Kőszegi Általános Iskola", K.EDUCATION, "Kőszeg", R.MEMBER,
     "Oláh Krisztina", "igazgató"),
    ("Kőszegi Egészségügyi Központ", K.HEALTH, "Kőszeg", R.MEMBER,
     "Fekete Ildikó", "vezető védőnő"),
    ("Kőszegi Római Katolikus Plébánia", K.CHURCH, "Kőszeg", R.MEMBER,
     "Szilágyi Márton", "plébános"),
    ("Esélyt Mindenkinek Egyesület", K.CIVIL, "Kőszeg", R.MEMBER,
     "Török Hajnalka", "elnök"),
    ("Írottkő Szociális Szövetkezet", K.BUSINESS, "Kőszeg", R.MEMBER,
     "Bognár Dávid", "ügyvezető"),
    ("Velemi Nyugdíjasok Egyesülete", K.CIVIL, "Velem", R.OBSERVER,
     "Kelemen Rozália", "elnök"),
]
FORMER_MEMBER = ("Gyöngyösfalui Ifjúsági Egyesület", K.CIVIL, "Gyöngyösfalu",
                 datetime.date(2019, 12, 31), "Az egyesület megszűnt.")

LOGINS = {
    "coordinator": ("koordinator@example.org", "Horváth Katalin", "Koordinátor"),
    "member": ("tag@example.org", "Kiss Andrea", "Tag (Csepreg)"),
    "settlement_officer": ("hep@example.org", "Szabó Péter", "HEP-felelős (Bozsok és még 2 falu)"),
    "auditor": ("ellenor@example.org", "Dr. Kovács Ilona", "Ellenőr"),
    "operator": ("admin@example.org", "Üzemeltető", "Üzemeltető (/admin/)"),
}


def _user(email: str, name: str, *, superuser: bool = False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        create = User.objects.create_superuser if superuser else User.objects.create_user
        user = create(email=email, password=DEMO_PASSWORD, full_name=name)
    return user


def _email(name: str) -> str:
    from kerekasztal.core.text import fold

    return fold(name).replace("dr. ", "").replace(" ", ".") + "@example.org"


def build(ctx: DemoContext) -> None:
    users = {key: _user(email, name, superuser=key == "operator")
             for key, (email, name, _label) in LOGINS.items()}
    users["coordinator"].user_permissions.add(
        Permission.objects.get(codename="add_forum", content_type__app_label="forums")
    )
    ctx.users.update(users)
    ctx.logins.extend((label, email) for email, _name, label in LOGINS.values())

    forum = Forum.objects.filter(slug=SLUG).first()
    if forum is None:
        forum = services.forum_create(
            creator=users["coordinator"],
            name="Kőszegi Járási Felzárkózási Kerekasztal",
            slug=SLUG,
            kind=ForumKind.DISTRICT_ROUNDTABLE,
            district=District.objects.get(name="Kőszegi járás"),
            founded_on=FOUNDED,
            description=(
                "A Kőszegi járás települései, önkormányzatai, nemzetiségi önkormányzatai, "
                "intézményei és civil szervezetei együttműködése az esélyegyenlőségért és a "
                "társadalmi felzárkózásért. A kerekasztalt Kőszeg Város Önkormányzata hívta "
                "életre a 2015. június 16-i ülésen, az „Esélyteremtési Akcióprogram a Kőszegi "
                "Járásban” (ÁROP-1.A.3-2014-2014-0019) projekt keretében.\n\n"
                "Ez bemutató adat: a szervezetek típusai valósak, a személyek kitaláltak."
            ),
            contact_name="Horváth Katalin",
            contact_email="kerekasztal@example.org",
            contact_phone="+36 94 000 000",
            contact_address="9730 Kőszeg, Jurisics tér 8.",
            lead_organisation_name="Kőszeg Város Önkormányzata",
        )
    ctx.forum = forum
    settlements = {s.name: s for s in forum.settlements()} | {
        "Szombathely": Settlement.objects.get(name="Szombathely")
    }
    retention = datetime.date(2031, 12, 31)

    for name, kind, seat, role, rep_name, position in ORGANISATIONS:
        organisation = Organisation.objects.filter(forum=forum, name=name).first()
        if organisation is None:
            organisation = directory_services.organisation_create(
                forum=forum, name=name, kind=kind, seat=settlements[seat],
            )
        person = Person.objects.filter(forum=forum, name=rep_name).first()
        if person is None:
            person = directory_services.person_create(
                forum=forum, organisations=[organisation], name=rep_name,
                email=_email(rep_name), position=position,
                legal_basis=LegalBasis.PUBLIC_TASK, retention_until=retention,
            )
        ctx.organisations[name] = organisation
        ctx.people[rep_name] = person
        if not Membership.objects.filter(forum=forum, organisation=organisation).exists():
            services.membership_add(
                forum=forum, organisation=organisation, role=role, since=FOUNDED,
                representatives=[person],
            )

    name, kind, seat, until, reason = FORMER_MEMBER
    former = Organisation.objects.filter(forum=forum, name=name).first()
    if former is None:
        former = directory_services.organisation_create(
            forum=forum, name=name, kind=kind, seat=settlements[seat]
        )
        membership = services.membership_add(forum=forum, organisation=former, since=FOUNDED)
        services.membership_end(membership=membership, until=until, reason=reason)

    member_person = ctx.people["Kiss Andrea"]
    if member_person.user_id is None:
        directory_services.person_link_user(person=member_person, user=users["member"])
    for key, role, settlement in (
        ("settlement_officer", AccessRole.SETTLEMENT_OFFICER, settlements["Bozsok"]),
        # the officer of a common municipal office serves two more villages, whose HEPs
        # are in the making (plans/demo.py)
        ("settlement_officer", AccessRole.SETTLEMENT_OFFICER, settlements["Kőszegdoroszló"]),
        ("settlement_officer", AccessRole.SETTLEMENT_OFFICER, settlements["Kőszegpaty"]),
        ("auditor", AccessRole.AUDITOR, None),
    ):
        ForumAccess.objects.get_or_create(
            forum=forum, user=users[key], role=role, settlement=settlement
        )
