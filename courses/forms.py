"""Forms of the courses app: the question editor's checks and the grading form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .formats import OptionData, option_problems
from .scoring.dialogue import Edge, Node, check_graph

CHOICE_KINDS = ("single", "multiple", "true_false", "situational")


def option_errors(kind: str, options) -> list[str]:
    """What is wrong with a question's options, in words for the editor."""
    if kind not in CHOICE_KINDS:
        return []
    if not isinstance(options, list) or not all(isinstance(o, dict) for o in options):
        return [str(_('Options must be a list of {"text": …, "weight": …, "feedback": …}.'))]
    errors = []
    data = []
    for number, option in enumerate(options, start=1):
        try:
            weight = float(option.get("weight", 0))
        except (TypeError, ValueError):
            errors.append(str(_("Option %(n)s: the weight is not a number.") % {"n": number}))
            continue
        data.append(OptionData(str(option.get("text", "")).strip(), weight))
    if errors:
        return errors
    if kind == "situational":
        if len(data) < 3:
            return [str(_("A situational question needs at least three replies."))]
        if any(not -1 <= o.fraction <= 1 for o in data):
            return [str(_("Weights of a situational key go from -1 to 1."))]
        if len({o.fraction for o in data}) < 2:
            return [str(_("The key must tell the replies apart: use different weights."))]
        return []
    for index, message in option_problems(kind, data):
        if index is None:
            errors.append(str(_("Options: %(problem)s.") % {"problem": message}))
        else:
            errors.append(
                str(_("Option %(n)s: %(problem)s.") % {"n": index + 1, "problem": message})
            )
    return errors


class QuestionForm(WagtailAdminModelForm):
    """Checks a question as a whole: options for its kind, the dialogue graph."""

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        for message in option_errors(kind, cleaned.get("options")):
            self.add_error("options", message)
        if kind == "rephrasing" and not (cleaned.get("original") or "").strip():
            self.add_error("original", _("A rephrasing question needs the reply to rewrite."))
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        if valid and self.cleaned_data.get("kind") == "dialogue":
            issues = self.graph_issues()
            for issue in issues:
                self.add_error(None, _("Dialogue: %(issue)s") % {"issue": issue.message})
            valid = not issues
        return valid

    def _live_forms(self, name: str):
        formset = self.formsets[name]
        return [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]

    def graph_issues(self):
        nodes_data = sorted(self._live_forms("dialogue_nodes"), key=lambda d: d.get("ORDER") or 0)
        nodes = [Node(d["key"], d.get("ending") or "") for d in nodes_data]
        edges = [
            Edge(i, d["from_key"], d["next_key"], d.get("scores") or {})
            for i, d in enumerate(self._live_forms("dialogue_choices"))
        ]
        return check_graph(nodes, edges)

    def save(self, commit=True):
        question = super().save(commit=False)
        if question.pk and question.kind == "situational":
            previous = (
                type(question)
                .objects.filter(pk=question.pk)
                .values_list("options", flat=True)
                .first()
            )
            if previous is not None and _weights(previous) != _weights(question.options):
                history = dict(question.key_history or {})
                history[str(question.key_version)] = _weights(previous)
                question.key_history = history
                question.key_version += 1
        if commit:
            question.save()
            self.save_m2m()
        return question


def _weights(options) -> list[float]:
    return [float(option.get("weight", 0)) for option in options or []]


class GradeForm(forms.Form):
    """The grade form both grading queues share (staff answers, candidates' answers)."""

    score = forms.IntegerField(
        label=_("Score (%)"),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("A grade is a percentage from 0 to 100."),
            "max_value": _("A grade is a percentage from 0 to 100."),
        },
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    @classmethod
    def for_answer(cls, answer, data=None) -> GradeForm:
        """Prefilled with the answer's current grade and note."""
        initial = {"note": answer.grader_note}
        if answer.score is not None:
            initial["score"] = round(100 * answer.score)
        return cls(data, initial=initial)

    def grade_with(self, grade, *, answer, grader) -> bool:
        """Save a valid form through the `grade` service; a refusal becomes a form error."""
        from .services.attempts import AttemptError

        try:
            grade(
                answer=answer,
                score=self.cleaned_data["score"],
                grader=grader,
                note=self.cleaned_data["note"],
            )
        except AttemptError as refused:
            self.add_error(None, refused.message)
            return False
        return True
