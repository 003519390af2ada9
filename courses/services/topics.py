"""Course topics: the starting list, put in place idempotently."""

from ..lib.topics import DEFAULT_TOPICS
from ..models import Topic


def topics_ensure_defaults() -> dict[str, Topic]:
    """Create any missing default topic (the migration seeds them too); code → topic."""
    for code, name, name_ru, name_pl in DEFAULT_TOPICS:
        Topic.objects.get_or_create(
            code=code, defaults={"name": name, "name_ru": name_ru, "name_pl": name_pl}
        )
    return {topic.code: topic for topic in Topic.objects.all()}
