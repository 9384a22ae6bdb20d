"""The seeded catalogue of basic services and their default rules.

The rules approximate the municipalities' duties in the Social Act (1993. évi III. törvény
86. §), the Child Protection Act (1997. évi XXXI. törvény) and the health and education
laws; coordinators may set their forum's own rule for every type.
(code, category, Hungarian name, required from population, local from population,
max distance km, explanation)
"""

SOCIAL, HEALTH, EDUCATION, COMMUNITY = "social", "health", "education", "community"

SERVICE_TYPES: list[tuple[str, str, str, int | None, int | None, int | None, str]] = [
    ("family-child-welfare-service", SOCIAL, "Család- és gyermekjóléti szolgálat", 0, None, 25,
     "Minden település köteles biztosítani, társulásban is (Szt. 64. §, Gyvt. 39. §)."),
    ("family-child-welfare-centre", SOCIAL, "Család- és gyermekjóléti központ", 0, None, 40,
     "A járásszékhely biztosítja a járás minden településének (Gyvt. 40/A. §)."),
    ("home-care", SOCIAL, "Házi segítségnyújtás", 0, None, 25,
     "Minden település köteles biztosítani (Szt. 86. § (1))."),
    ("social-meals", SOCIAL, "Szociális étkeztetés", 0, 0, None,
     "Minden település köteles biztosítani, helyben (Szt. 86. § (1))."),
    ("village-caretaker", SOCIAL, "Falugondnoki és tanyagondnoki szolgáltatás", None, None, None,
     "Nem kötelező; a kistelepülések és tanyás térségek hiányát a fórum jelölheti."),
    ("elderly-day-care", SOCIAL, "Idősek nappali ellátása", 3000, 3000, None,
     "A 3000 lakosnál nagyobb települések kötelesek biztosítani (Szt. 86. § (2))."),
    ("disability-day-care", SOCIAL, "Fogyatékos személyek nappali ellátása", 10000, None, 40,
     "A 10 000 lakosnál nagyobb települések kötelesek biztosítani (Szt. 86. § (2))."),
    ("community-care", SOCIAL, "Szenvedélybetegek és pszichiátriai betegek közösségi ellátása",
     20000, None, 50,
     "A 20 000 lakosnál nagyobb településeken kötelező; máshol a megye biztosítja."),
    ("homeless-care", SOCIAL, "Hajléktalan személyek ellátása", 30000, 30000, None,
     "A 30 000 lakosnál nagyobb települések kötelesek biztosítani (Szt. 86. § (2))."),
    ("gp", HEALTH, "Háziorvosi ellátás", 0, None, 15,
     "Minden település köteles biztosítani, körzetben is (Eütv. 152. §)."),
    ("paediatric-gp", HEALTH, "Házi gyermekorvosi ellátás", 0, None, 25,
     "Minden település köteles biztosítani, vegyes praxisban is."),
    ("health-visitor", HEALTH, "Védőnői szolgálat", 0, None, 15,
     "Minden település köteles biztosítani (védőnői körzet)."),
    ("dentist", HEALTH, "Fogorvosi alapellátás", 0, None, 25,
     "Minden település köteles biztosítani, körzetben is."),
    ("pharmacy", HEALTH, "Gyógyszertár", 0, None, 15,
     "Közforgalmú gyógyszertár vagy fiókgyógyszertár elérhetősége."),
    ("ambulance", HEALTH, "Mentőállomás elérhetősége", 0, None, 30,
     "A mentőállomás légvonalban 30 km-en belül legyen (közelítő szabály)."),
    ("nursery", EDUCATION, "Bölcsőde, mini bölcsőde", 0, 10000, 25,
     "A 10 000 lakosnál nagyobb települések kötelesek bölcsődét fenntartani (Gyvt. 94. §)."),
    ("kindergarten", EDUCATION, "Óvoda", 0, None, 10,
     "Minden település köteles biztosítani az óvodai ellátást, társulásban is (Mötv. 13. §)."),
    ("primary-school", EDUCATION, "Általános iskola", 0, None, 15,
     "Az állam biztosítja; a tankerület körzetének iskolája legyen elérhető."),
    ("tanoda", EDUCATION, "Tanoda", None, None, None,
     "Nem kötelező; hátrányos helyzetű gyermekek tanulását segítő program."),
    ("sure-start", EDUCATION, "Biztos Kezdet Gyerekház", None, None, None,
     "Nem kötelező; a leghátrányosabb helyzetű településeken javasolt."),
    ("library", COMMUNITY, "Könyvtár, közösségi tér", 0, 0, None,
     "Minden település köteles biztosítani helyben a nyilvános könyvtári ellátást "
     "és közösségi teret (Kult. tv. 64. §, 76. §)."),
    ("public-employment", COMMUNITY, "Közfoglalkoztatás", None, None, None,
     "Nem kötelező; a fórum jelölheti, ahol szükség van rá."),
    ("employment-office", COMMUNITY, "Foglalkoztatási osztály (munkaügyi kirendeltség)", 0,
     None, 40, "A járási hivatal foglalkoztatási osztálya elérhető legyen."),
    ("public-transport", COMMUNITY, "Közösségi közlekedés", 0, 0, None,
     "Minden településen legyen helyközi járat megállója."),
]


def ensure_service_types(model=None) -> None:
    """Idempotent; the migration passes its historical model. Existing rules are kept."""
    if model is None:
        from .models import ServiceType as model
    for order, (code, category, name, required, local, distance, note) in enumerate(
        SERVICE_TYPES, start=1
    ):
        model.objects.get_or_create(code=code, defaults={
            "category": category, "name": name, "required_from_population": required,
            "local_from_population": local, "max_distance_km": distance, "rule_note": note,
            "order": order * 10,
        })
