"""`manage.py score_reply`: one reply or a batch of JSON lines; bad input exits with code 2."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def run(*args, capsys):
    call_command("score_reply", *args)
    return capsys.readouterr().out


def test_it_prints_the_score_and_the_findings_as_json(capsys):
    out = run("--language", "en", "We can't do that. It's our policy.", capsys=capsys)
    result = json.loads(out)
    assert 0 <= result["score"] <= 100
    assert {f["code"] for f in result["findings"]} & {"refusal", "policy"}


def test_a_good_rewrite_scores_higher_than_the_original(capsys):
    original = "We can't refund you before the item is back."
    bad = json.loads(run("--language", "en", original, capsys=capsys))
    good = json.loads(
        run(
            "--language",
            "en",
            "--original",
            original,
            "I'll start your refund as soon as the item reaches us, and email you by Friday.",
            capsys=capsys,
        )
    )
    assert good["score"] > bad["score"]


def test_a_batch_prints_one_result_per_line(tmp_path, capsys):
    batch = tmp_path / "replies.jsonl"
    batch.write_text(
        "\n".join(
            json.dumps(item, ensure_ascii=False)
            for item in [
                {"language": "en", "text": "Calm down, it's not our fault."},
                {"language": "ru", "text": "Мы не можем вам помочь."},
                {
                    "language": "pl",
                    "text": "Nie ma problemu, wyślę paczkę dziś.",
                    "original": "Nie możemy.",
                },
            ]
        ),
        encoding="utf-8",
    )
    lines = run("--batch", str(batch), capsys=capsys).splitlines()
    assert [json.loads(line)["language"] for line in lines] == ["en", "ru", "pl"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["We can't."], "--language is required"),
        (["--language", "en"], "Give the reply"),
    ],
)
def test_bad_arguments_get_a_clear_message(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("score_reply", *args)


def test_a_bad_batch_scores_nothing_and_names_the_lines(tmp_path):
    batch = tmp_path / "bad.jsonl"
    batch.write_text('{"language": "de", "text": "Nein"}\nnot json\n{"language": "en"}\n')
    with pytest.raises(CommandError) as error:
        call_command("score_reply", "--batch", str(batch))
    text = str(error.value)
    assert "line 1" in text and "line 2" in text and "line 3" in text


def test_bad_input_exits_with_code_2(tmp_path):
    completed = subprocess.run(
        [sys.executable, "manage.py", "score_reply", "--batch", str(tmp_path / "missing.jsonl")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            "DJANGO_SETTINGS_MODULE": "training.settings.test",
        },
    )
    assert completed.returncode == 2
    assert "Cannot read" in completed.stderr
