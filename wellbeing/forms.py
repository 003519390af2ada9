"""Forms of the wellbeing pages: check-in, import upload and confirm, acknowledgement."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.conf import steady_setting
from wellbeing import instruments


def _text(texts, language: str) -> str:
    return texts.get((language or "en")[:2], texts["en"])


def item_groups(instrument: instruments.Instrument) -> list[tuple[str, list[str]]]:
    """The items grouped by the published instrument they come from, with its instructions."""
    language = get_language()
    groups: list[tuple[str, list[str]]] = []
    for item in instrument.items:
        source = next(
            (i for i in instruments.INSTRUMENTS.values() if item.code in i.item_codes), instrument
        )
        heading = _text(source.instructions, language)
        if groups and groups[-1][0] == heading:
            groups[-1][1].append(item.code)
        else:
            groups.append((heading, [item.code]))
    return groups


class CheckInForm(forms.Form):
    """One radio question per item of the open check-in, labelled in the reader's language."""

    form_code = forms.CharField(widget=forms.HiddenInput)
    period = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, instrument: instruments.Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        language = get_language()
        for item in instrument.items:
            self.fields[item.code] = forms.TypedChoiceField(
                label=_text(item.texts, language),
                choices=[
                    (option.value, _text(option.labels, language))
                    for option in item.options.options
                ],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer.")},
            )
        if steady_setting("CHECKIN_COMMENTS_ENABLED"):
            self.fields["comment"] = forms.CharField(
                label=_("Anything else? (optional, shown to no one unless many answered)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def answers(self) -> dict[str, int]:
        return {item.code: self.cleaned_data[item.code] for item in self.instrument.items}

    def grouped(self):
        """(instructions, bound fields) per published instrument, for the template."""
        return [
            (heading, [self[code] for code in codes])
            for heading, codes in item_groups(self.instrument)
        ]


class WorkloadUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Workload file (CSV or XLSX)"),
        help_text=_(
            "One row per person and day. Columns are matched by name in English, Russian or "
            "Polish; see the list below."
        ),
    )

    def clean_file(self):
        """Refuse by name, size and unpacked size before a cell is parsed."""
        from wellbeing.importing import UnreadableFile
        from wellbeing.services import import_work_size, issue_message

        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError(_("Please upload a .csv or .xlsx file."))
        try:
            import_work_size(upload)
        except UnreadableFile as refused:
            raise forms.ValidationError(
                issue_message(refused.issue.code, refused.issue.params)
            ) from refused
        upload.seek(0)
        return upload


class WorkloadConfirmForm(forms.Form):
    valid_only = forms.BooleanField(
        label=_("Import only the valid rows and skip the rows with problems"),
        required=False,
    )


class AcknowledgeForm(forms.Form):
    action_note = forms.CharField(
        label=_("What did you do about it?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Please note the action you took.")},
    )
