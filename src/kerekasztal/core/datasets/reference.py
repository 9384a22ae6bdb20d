"""Shared managed lists: the five HEP target groups and the seeded topics."""

from django.utils.text import slugify

TARGET_GROUPS = [
    ("poverty_roma", "Mélyszegénységben élők és romák"),
    ("children", "Gyermekek"),
    ("women", "Nők"),
    ("elderly", "Idősek"),
    ("disability", "Fogyatékkal élők"),
]

# Topics of the seed projects' events and agreements; coordinators may add more.
TOPICS = [
    "Ifjúság", "Idősgondozás", "Közösségi kertek", "Falugondnoki szolgáltatás",
    "Fogyatékkal élők", "Szociális gazdaság", "Egészségműveltség", "Család és szülői klubok",
    "Oktatás", "Romák", "Foglalkoztatás", "Lakhatás", "Esélyegyenlőség",
]


def ensure_reference_lists(target_group_model=None, topic_model=None) -> None:
    """Idempotent; the migration passes its historical models."""
    if target_group_model is None or topic_model is None:
        from kerekasztal.core.models import TargetGroup, Topic

        target_group_model, topic_model = TargetGroup, Topic
    for order, (code, name) in enumerate(TARGET_GROUPS, start=1):
        target_group_model.objects.update_or_create(
            code=code, defaults={"name": name, "order": order}
        )
    for name in TOPICS:
        topic_model.objects.get_or_create(slug=slugify(name), defaults={"name": name})
