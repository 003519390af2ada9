"""Reads for quiz pages: questions as shown, attempts counted, competency rows, and
what the take, result and review templates need (the engine's public reads, shared by
the staff quiz pages and the hiring candidate pages)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..labels import findings_shown

if TYPE_CHECKING:
    from ..models import Attempt


def question_display(question, *, language: str, option_order: list[int] | None = None) -> dict:
    """A question's texts as a page shows them: in ``language`` when a translation
    exists, options in the attempt's order but keeping their stored index."""
    translated = question.translated(language)
    options = question.options or []
    translated_options = translated.get("options") or []
    order = option_order if option_order and len(option_order) == len(options) else None
    shown = []
    for index in order or range(len(options)):
        option = dict(options[index])
        if index < len(translated_options) and translated_options[index].get("text"):
            option["text"] = translated_options[index]["text"]
            option["feedback"] = translated_options[index].get("feedback", option.get("feedback"))
        shown.append({"index": index, **option})
    nodes_translated = {node.get("key"): node for node in translated.get("nodes") or []}
    nodes = []
    choices_by_node: dict[str, list] = {}
    for choice in question.dialogue_choices.all():
        choices_by_node.setdefault(choice.from_key, []).append(choice)
    for node in question.dialogue_nodes.all():
        other = nodes_translated.get(node.key) or {}
        other_choices = other.get("choices") or []
        nodes.append(
            {
                "key": node.key,
                "customer": other.get("customer") or node.customer_line,
                "mood": node.mood,
                "mood_label": node.get_mood_display(),
                "ending": node.ending,
                "ending_label": node.get_ending_display() if node.ending else "",
                "choices": [
                    {
                        "id": choice.pk,
                        "text": (
                            other_choices[i].get("text")
                            if i < len(other_choices) and other_choices[i].get("text")
                            else choice.text
                        ),
                        "next": choice.next_key,
                        "scores": choice.scores,
                    }
                    for i, choice in enumerate(choices_by_node.get(node.key, []))
                ],
            }
        )
    shown_kind = {}
    if question.kind == "missing_word":
        before, gap, after = (translated.get("text") or question.text).partition("_____")
        shown_kind = {"before": before, "after": after if gap else ""}
    elif question.kind == "matching":
        shown_kind = _matching_display(shown)
    return {
        **shown_kind,
        "id": question.pk,
        "kind": question.kind,
        "kind_label": question.get_kind_display(),
        "title": question.title,
        "text": translated.get("text") or question.text,
        "original": translated.get("original") or question.original,
        "rubric": translated.get("rubric") or question.rubric,
        "options": shown,
        "nodes": nodes,
        "general_feedback": question.general_feedback,
    }


def dialogue_reached(shown: dict, path: list) -> dict:
    """Only what a taker has reached in a dialogue: the lines and replies walked so far,
    and the line they are at with its replies. Which line a reply leads to, later lines,
    other branches and ending labels not yet reached stay on the server.
    """
    nodes = {node["key"]: node for node in shown["nodes"]}
    current = shown["nodes"][0] if shown["nodes"] else None
    transcript = []
    for step in path if isinstance(path, list) else []:
        choice = next((c for c in (current or {}).get("choices", []) if c["id"] == step), None)
        if choice is None:
            break
        transcript.append(
            {
                "customer": current["customer"],
                "mood": current["mood"],
                "mood_label": current["mood_label"],
                "reply": choice["text"],
            }
        )
        current = nodes.get(choice["next"])
    return {"transcript": transcript, "current": _line_shown(current)}


def _line_shown(node: dict | None) -> dict | None:
    if node is None:
        return None
    return {
        "customer": node["customer"],
        "mood": node["mood"],
        "mood_label": node["mood_label"],
        "ending": node["ending"],
        "ending_label": node["ending_label"],
        "choices": [{"id": c["id"], "text": c["text"]} for c in node["choices"]],
    }


def _matching_display(shown: list[dict]) -> dict:
    """Prompts in their stored order; each distinct answer once, in the shown order.

    An answer is named by the index of the first option carrying it, which is what
    the learner's pick stores and what scoring compares (by the answer's text).
    """
    prompts = [
        {"index": option["index"], "key": str(option["index"]), "text": option["text"]}
        for option in sorted(shown, key=lambda option: option["index"])
        if str(option.get("text", "")).strip()
    ]
    first_of: dict[str, int] = {}
    for option in sorted(shown, key=lambda option: option["index"]):
        first_of.setdefault(str(option.get("match", "")), option["index"])
    answers, seen = [], set()
    for option in shown:
        match = str(option.get("match", ""))
        if match and match not in seen:
            seen.add(match)
            answers.append({"index": first_of[match], "text": match})
    return {"prompts": prompts, "answers": answers}


def answer_rows(shown: dict, response: dict) -> list[dict]:
    """What a review shows for the kinds without a choice table: given vs expected."""
    kind = shown["kind"]
    if kind == "matching":
        picks = (response or {}).get("matches") or {}
        text_of = {answer["index"]: answer["text"] for answer in shown["answers"]}
        by_index = {option["index"]: option for option in shown["options"]}
        return [
            {
                "prompt": prompt["text"],
                "given": text_of.get(picks.get(str(prompt["index"])), ""),
                "expected": by_index[prompt["index"]].get("match", ""),
                "right": text_of.get(picks.get(str(prompt["index"])))
                == by_index[prompt["index"]].get("match"),
            }
            for prompt in shown["prompts"]
        ]
    if kind in ("short_answer", "numerical"):
        accepted = [
            option["text"]
            + (
                f" ± {option['tolerance']:g}"
                if kind == "numerical" and option.get("tolerance")
                else ""
            )
            for option in sorted(shown["options"], key=lambda option: option["index"])
            if float(option.get("weight", 0)) >= 1
        ]
        return [{"given": (response or {}).get("text", ""), "expected": ", ".join(accepted)}]
    return []


def attempt_list_for(*, quiz, user):
    from ..models import Attempt

    return Attempt.objects.filter(quiz__translation_key=quiz.translation_key, user=user).order_by(
        "number"
    )


def attempt_counting(*, quiz, attempts):
    """The closed attempt whose score counts, by the quiz's grading method."""
    from ..scoring.quiz import pick_result

    closed = [
        a for a in sorted(attempts, key=lambda a: a.number) if a.score is not None and not a.is_open
    ]
    return pick_result([(a.score, a) for a in closed], method=quiz.grading_method)


def competency_rows(scores: dict) -> list[dict]:
    """Per-competency scores with their names, in the competencies' own order."""
    from ..models import Competency

    known = {c.code: c for c in Competency.objects.filter(code__in=list(scores))}
    rows = [
        {
            "code": code,
            "label": known[code].label if code in known else code,
            "order": known[code].sort_order if code in known else 999,
            "score": value,
        }
        for code, value in scores.items()
    ]
    return sorted(rows, key=lambda row: (row["order"], row["code"]))


def quiz_course(quiz):
    """The course a quiz belongs to (its parent page), or None for a standalone quiz."""
    from ..models import CoursePage

    return CoursePage.objects.live().parent_of(quiz).first()


def attempt_take_context(attempt: Attempt, *, now, answer_url: str, submit_url: str) -> dict:
    """What the take template needs; each caller passes its own answer and submit URLs
    (the staff quiz pages, the hiring candidate pages)."""
    from ..services.attempts import attempt_questions

    answers = {answer.question_id: answer.response for answer in attempt.answers.all()}
    questions = []
    for question in attempt_questions(attempt):
        shown = question_display(
            question,
            language=attempt.language,
            option_order=attempt.option_orders.get(str(question.pk)),
        )
        shown["response"] = answers.get(question.pk, {})
        if question.kind == "dialogue":
            # The page holds only what has been reached; the rest comes after each choice.
            shown["dialogue"] = dialogue_reached(shown, shown["response"].get("path") or [])
            del shown["nodes"]
        questions.append(shown)
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "questions": questions,
        "seconds_left": attempt.seconds_left(now),
        "answered": len(answers),
        "answer_url": answer_url,
        "submit_url": submit_url,
    }


def attempt_result_context(attempt: Attempt) -> dict:
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "competencies": competency_rows(attempt.competency_scores or {}),
    }


def attempt_review_context(attempt: Attempt) -> dict:
    from ..services.attempts import attempt_questions

    answers = {answer.question_id: answer for answer in attempt.answers.all()}
    items = []
    for question in attempt_questions(attempt):
        shown = question_display(question, language=attempt.language)
        answer = answers.get(question.pk)
        response = answer.response if answer else {}
        shown["response"] = response
        shown["answer"] = answer
        shown["score_percent"] = (
            None if answer is None or answer.score is None else round(100 * answer.score)
        )
        chosen = set(response.get("choices") or [])
        for key in ("choice", "most", "least"):
            if isinstance(response.get(key), int):
                chosen.add(response[key])
        for option in shown["options"]:
            option["chosen"] = option["index"] in chosen
            option["most"] = response.get("most") == option["index"]
            option["least"] = response.get("least") == option["index"]
        path = response.get("path") or []
        by_id = {c["id"]: (node, c) for node in shown["nodes"] for c in node["choices"]}
        shown["transcript"] = [
            {
                "customer": by_id[step][0]["customer"],
                "mood": by_id[step][0]["mood_label"],
                "reply": by_id[step][1]["text"],
                "scores": by_id[step][1]["scores"],
            }
            for step in path
            if step in by_id
        ]
        shown["answer_rows"] = answer_rows(shown, response)
        shown["findings"] = (
            findings_shown(((answer.auto_detail or {}).get("rephrasing") or {}).get("findings"))
            if answer
            else []
        )
        items.append(shown)
    return {**attempt_result_context(attempt), "items": items}


def quiz_front_for(*, quiz, user, now) -> dict:
    """What the quiz's front page shows a person: their attempts, what is open, what is left."""
    attempts = list(attempt_list_for(quiz=quiz, user=user))
    open_attempt = next((a for a in attempts if a.is_open), None)
    if open_attempt and open_attempt.deadline and now > open_attempt.deadline:
        open_attempt = None  # starting again closes it with what it saved
    left = None
    if quiz.attempts_allowed:
        left = max(0, quiz.attempts_allowed - len(attempts))
    return {
        "page": quiz,
        "quiz": quiz,
        "course": quiz_course(quiz),
        "attempts": attempts,
        "open_attempt": open_attempt,
        "attempts_left": left,
        "time_limit_minutes": (quiz.time_limit_seconds + 59) // 60,
        "counting": attempt_counting(quiz=quiz, attempts=attempts),
        "can_start": open_attempt is not None or left is None or left > 0,
    }
