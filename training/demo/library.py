"""Approved entries of the reply library ("Good replies"), three per language."""

from courses.models import GoodReply, Topic

from . import read_fixture


def load_library() -> None:
    """Editor-written entries, live; looked up by their good reply, so a rerun adds nothing."""
    topics = {topic.code: topic for topic in Topic.objects.all()}
    for spec in read_fixture("library.json")["entries"]:
        if GoodReply.objects.filter(good_reply=spec["good_reply"]).exists():
            continue
        entry = GoodReply(
            situation=spec["situation"],
            weak_reply=spec["weak_reply"],
            good_reply=spec["good_reply"],
            language=spec["language"],
            topic=topics.get(spec["topic"]),
            live=True,
        )
        entry.full_clean()  # a demo entry must pass the check, as an editor's would
        entry.save()
        entry.save_revision().publish()
