"""Small builders for quiz tests: questions of each kind and quiz pages."""

from courses.models import (
    AssessmentIndexPage,
    Competency,
    DialogueChoice,
    DialogueNode,
    Question,
    QuestionCategory,
    QuizPage,
    QuizQuestion,
)


def competency(code: str) -> Competency:
    return Competency.objects.get_or_create(code=code, defaults={"name": code.title()})[0]


def question(kind: str = "single", *, title: str = "", competencies=("attention",), **fields):
    defaults = {
        "single": [
            {"text": "Right", "weight": 1.0, "feedback": "Yes"},
            {"text": "Wrong", "weight": 0.0, "feedback": "No"},
        ],
        "true_false": [{"text": "true", "weight": 1.0}, {"text": "false", "weight": 0.0}],
        "multiple": [
            {"text": "A", "weight": 0.5},
            {"text": "B", "weight": 0.5},
            {"text": "C", "weight": -1.0},
        ],
        "situational": [
            {"text": "Best", "weight": 1.0},
            {"text": "Fine", "weight": 0.5},
            {"text": "Poor", "weight": -0.5},
            {"text": "Worst", "weight": -1.0},
        ],
    }
    fields.setdefault("options", defaults.get(kind, []))
    if kind == "rephrasing":
        fields.setdefault("original", "We can't refund you. It's our policy.")
    made = Question.objects.create(
        kind=kind, title=title or f"{kind} question", text=f"A {kind} question?", **fields
    )
    made.competencies.set([competency(code) for code in competencies])
    made.save()  # a ParentalManyToManyField is written on save
    return made


def dialogue_question(**fields) -> Question:
    made = Question(
        kind="dialogue", title=fields.pop("title", "Late parcel"), text="Talk to the customer."
    )
    made.dialogue_nodes = [
        DialogueNode(key="start", customer_line="Where is my parcel?!", mood="angry"),
        DialogueNode(key="calm", customer_line="OK, and when?", mood="upset"),
        DialogueNode(key="done", customer_line="Thank you!", mood="pleased", ending="resolved"),
        DialogueNode(key="lost", customer_line="I'm leaving.", mood="angry", ending="lost"),
    ]
    made.dialogue_choices = [
        DialogueChoice(
            from_key="start",
            text="I'm sorry, let me check.",
            next_key="calm",
            scores={"empathy": 2},
        ),
        DialogueChoice(
            from_key="start",
            text="Calm down.",
            next_key="lost",
            scores={"empathy": -2, "courtesy": -1},
        ),
        DialogueChoice(
            from_key="calm",
            text="Tomorrow by noon; I'll email you.",
            next_key="done",
            scores={"closing": 2},
        ),
    ]
    made.save()
    made.competencies.set([competency("empathy"), competency("closing")])
    made.save()
    return made


def choice_id(question: Question, text_start: str) -> int:
    return question.dialogue_choices.get(text__startswith=text_start).pk


def assessment_index(home) -> AssessmentIndexPage:
    index = AssessmentIndexPage.objects.first()
    if index is None:
        index = home.add_child(
            instance=AssessmentIndexPage(title="Assessments", slug="assessments")
        )
    return index


_quiz_counter = [0]


def quiz(home, questions=(), **fields) -> QuizPage:
    _quiz_counter[0] += 1
    fields.setdefault("title", f"Quiz {_quiz_counter[0]}")
    fields.setdefault("slug", f"quiz-{_quiz_counter[0]}")
    page = QuizPage(**fields)
    page.quiz_questions = [QuizQuestion(question=q) for q in questions]
    assessment_index(home).add_child(instance=page)
    return page


def category(name: str) -> QuestionCategory:
    return QuestionCategory.objects.get_or_create(name=name)[0]
