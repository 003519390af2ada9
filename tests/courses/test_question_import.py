"""Importing and exporting question banks: whole files or nothing, both formats, round trips."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from courses.formats import FormatError, parse_gift, parse_moodle_xml
from courses.models import Competency, Question, QuestionCategory
from courses.services.questions import (
    question_data,
    questions_export,
    questions_import,
    questions_parse,
)
from tests.factories import PASSWORD, agent, editor

from .quizzes import question

DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.django_db


def test_a_gift_file_imports_every_question_with_categories_tags_and_competencies():
    report = questions_import(questions=questions_parse(data=(DATA / "sample.gift").read_bytes()))
    kinds = sorted(q.kind for q in report.created)
    assert set(kinds) >= {
        "single",
        "multiple",
        "true_false",
        "free_text",
        "situational",
        "rephrasing",
    }
    opener = Question.objects.get(title="Late parcel opener")
    assert opener.category.name == "Deliveries/Late parcels"
    assert [c.code for c in opener.competencies.all()] == ["empathy"]
    assert list(opener.tags.names()) == ["delivery"]
    assert Question.objects.get(title="Angry caller").mark == 2


def test_a_moodle_xml_file_imports_every_question():
    parsed = questions_parse(data=(DATA / "sample.xml").read_bytes(), filename="bank.xml")
    report = questions_import(questions=parsed, category_name="From Moodle")
    assert len(report.created) == len(parsed) > 0
    assert report.categories == ["From Moodle"]
    assert {q.kind for q in report.created} >= {
        "single",
        "multiple",
        "true_false",
        "free_text",
        "situational",
        "rephrasing",
    }


def stored(question: Question) -> dict:
    """What an editor sees of a stored question, for comparing two of them."""
    question.refresh_from_db()
    return {
        "kind": question.kind,
        "title": question.title,
        "text": question.text,
        "options": [
            {**option, "weight": round(float(option["weight"]), 5)}
            for option in question.options or []
        ],
        "category": question.category.name if question.category else "",
        "tags": sorted(tag.name for tag in question.tags.all()),
        "competencies": sorted(c.code for c in question.competencies.all()),
        "general_feedback": question.general_feedback,
        "mark": question.mark,
    }


@pytest.mark.parametrize("source", ["sample.gift", "sample.xml"])
@pytest.mark.parametrize("fmt", ["gift", "xml"])
def test_a_bank_exported_and_imported_again_through_the_services_is_the_same(source, fmt):
    from courses.competencies import SEED_COMPETENCIES

    for code, name, *_names in SEED_COMPETENCIES:
        Competency.objects.get_or_create(code=code, defaults={"name": name})
    first = questions_import(
        questions=questions_parse(data=(DATA / source).read_bytes(), filename=source)
    ).created
    text, skipped = questions_export(questions=first, fmt=fmt)
    assert skipped == []

    second = questions_import(
        questions=questions_parse(data=text.encode("utf-8"), filename=f"export.{fmt}")
    ).created
    assert len(second) == len(first) > 0
    assert [stored(q) for q in second] == [stored(q) for q in first]
    assert any(stored(q)["competencies"] for q in first)  # the comparison has teeth


@pytest.mark.parametrize("name", ["broken.gift", "broken.xml"])
def test_a_broken_file_imports_nothing_and_reports_line_numbers(name):
    with pytest.raises(FormatError) as error:
        questions_parse(data=(DATA / name).read_bytes(), filename=name)
    assert all(issue.line for issue in error.value.issues if issue.question)
    assert Question.objects.count() == 0
    assert QuestionCategory.objects.count() == 0


def test_an_import_that_fails_halfway_leaves_nothing_behind(monkeypatch):
    parsed = parse_gift((DATA / "sample.gift").read_text())
    original_save = Question.save
    calls = {"n": 0}

    def failing_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("disk full")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Question, "save", failing_save)
    with pytest.raises(RuntimeError):
        questions_import(questions=parsed)
    assert Question.objects.count() == 0


@pytest.mark.parametrize("fmt", ["gift", "xml"])
def test_export_then_import_keeps_the_questions_equal(fmt):
    parsed = parse_gift((DATA / "sample.gift").read_text())
    created = questions_import(questions=parsed).created
    text, skipped = questions_export(questions=created, fmt=fmt)
    assert skipped == []
    again = parse_gift(text) if fmt == "gift" else parse_moodle_xml(text)
    assert [question_data(q) for q in created] == list(again) or sorted(
        again, key=lambda q: q.name
    ) == sorted((question_data(q) for q in created), key=lambda q: q.name)


def test_dialogues_are_left_out_of_an_export():
    from .quizzes import dialogue_question

    talk = dialogue_question()
    text, skipped = questions_export(questions=[talk, question("single")], fmt="gift")
    assert skipped == [talk]
    assert "Late parcel" not in text


def test_the_command_imports_and_prints_json(tmp_path, capsys):
    call_command("import_questions", str(DATA / "sample.gift"), "--json", "--category", "Imported")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[-1]["summary"]["imported"] == Question.objects.count() > 0
    assert {line["category"] for line in lines[:-1]} == {"Imported"}
    assert {line["source_type"] for line in lines[:-1]} <= {"multichoice", "truefalse", "essay"}


def test_the_command_dry_run_imports_nothing():
    call_command("import_questions", str(DATA / "sample.xml"), "--dry-run")
    assert Question.objects.count() == 0


def test_the_command_refuses_a_broken_file_with_a_report():
    with pytest.raises(CommandError) as error:
        call_command("import_questions", str(DATA / "broken.gift"))
    assert "nothing was imported" in str(error.value)
    assert "line" in str(error.value)
    assert Question.objects.count() == 0


def test_the_command_refuses_a_missing_file():
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_questions", "/nonexistent/bank.gift")


def login(client, user):
    client.login(username=user.username, password=PASSWORD)


def test_an_editor_previews_then_imports_a_gift_file(client, django_assert_max_num_queries):
    login(client, editor())
    url = reverse("courses_bank:question_import")
    upload = SimpleUploadedFile("bank.gift", (DATA / "sample.gift").read_bytes())
    with django_assert_max_num_queries(20):
        preview = client.post(url, {"file": upload, "preview": "1"})
    html = preview.content.decode()
    assert "data-import-preview" in html and "Late parcel opener" in html
    assert Question.objects.count() == 0
    content = preview.context["confirm_form"].initial["content"]
    done = client.post(url, {"content": content, "filename": "bank.gift", "confirm": "1"})
    assert done.status_code == 302
    assert Question.objects.count() == len(preview.context["preview"])


def test_an_editor_sees_the_problems_of_a_broken_file(client):
    login(client, editor())
    upload = SimpleUploadedFile("broken.gift", (DATA / "broken.gift").read_bytes())
    response = client.post(reverse("courses_bank:question_import"), {"file": upload})
    html = response.content.decode()
    assert "data-import-issues" in html and "Line " in html
    assert Question.objects.count() == 0


def test_an_agent_may_not_import_or_export(client):
    login(client, agent())
    assert client.get(reverse("courses_bank:question_import")).status_code in (302, 403)
    assert client.get(reverse("courses_bank:question_export")).status_code in (302, 403)


def test_an_editor_exports_a_category(client):
    login(client, editor())
    questions_import(questions=parse_gift((DATA / "sample.gift").read_text()))
    category = QuestionCategory.objects.get(name="Returns")
    response = client.get(
        reverse("courses_bank:question_export"), {"format": "xml", "category": category.pk}
    )
    assert response["Content-Disposition"].endswith('.xml"')
    parsed = parse_moodle_xml(response.content)
    assert {q.category for q in parsed} == {"Returns"}
