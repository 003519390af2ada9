"""Reads for quiz pages: questions as shown, attempts counted, competency rows."""


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
    return {
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
