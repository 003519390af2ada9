"""Forms of the recruiter's pages; they validate input and hold no business rules."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from courses.models import QuizPage

from .models import Candidate, Position
from .selectors import hiring_quiz_list

MAX_CSV_BYTES = 512 * 1024


class InviteForm(forms.Form):
    """Invite one person, or many from a pasted list or an uploaded CSV."""

    class Mode:
        ONE = "one"
        MANY = "many"

    mode = forms.ChoiceField(
        choices=[("one", _("One candidate")), ("many", _("Several candidates"))],
        initial="one",
        widget=forms.RadioSelect,
        label=_("Invite"),
    )
    quiz = forms.ModelChoiceField(queryset=QuizPage.objects.none(), label=_("Assessment"))
    position = forms.ModelChoiceField(
        queryset=Position.objects.all(), label=_("Position"), required=False
    )
    language = forms.ChoiceField(choices=settings.LANGUAGES, label=_("Language of the e-mail"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    people = forms.CharField(
        label=_("List (one per line: name, e-mail, position)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )
    csv_file = forms.FileField(label=_("…or a CSV file with the same columns"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = hiring_quiz_list()

    def clean_csv_file(self):
        upload = self.cleaned_data.get("csv_file")
        if not upload:
            return ""
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 512 KB)."))
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None

    def clean(self):
        data = super().clean()
        if data.get("mode") == self.Mode.ONE:
            if not data.get("name", "").strip():
                self.add_error("name", _("Enter the candidate's name."))
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Enter the candidate's e-mail address."))
            if not data.get("position"):
                self.add_error("position", _("Choose a position."))
        elif data.get("mode") == self.Mode.MANY and not (
            data.get("people", "").strip() or data.get("csv_file")
        ):
            self.add_error("people", _("Paste a list or choose a CSV file."))
        return data


class CandidateFilterForm(forms.Form):
    position = forms.ModelChoiceField(
        queryset=Position.objects.all(), required=False, label=_("Position"), empty_label=_("All")
    )
    quiz = forms.ModelChoiceField(
        queryset=QuizPage.objects.none(),
        required=False,
        label=_("Assessment"),
        empty_label=_("All"),
    )
    status = forms.ChoiceField(
        choices=[("", _("All"))] + list(Candidate.Status.choices), required=False, label=_("Status")
    )
    q = forms.CharField(required=False, label=_("Name or e-mail"), max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = hiring_quiz_list()


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Days"), min_value=1, max_value=90, initial=7)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=Candidate.Decision.choices, widget=forms.RadioSelect, label=_("Decision")
    )
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["title", "title_ru", "title_pl", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"title": {"unique": _("A position with this title already exists.")}}
