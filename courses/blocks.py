"""StreamField blocks for lessons: the ways support training is actually written."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class CalloutBlock(blocks.StructBlock):
    """A boxed note: a practical tip, a warning, or a legal point."""

    kind = blocks.ChoiceBlock(
        choices=[("tip", _("Tip")), ("warning", _("Warning")), ("legal", _("Legal note"))],
        default="tip",
        label=_("kind"),
    )
    title = blocks.CharBlock(required=False, label=_("title"))
    text = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], label=_("text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "courses/blocks/callout.html"


class PhrasePairBlock(blocks.StructBlock):
    """A reply before and after positive rephrasing, shown side by side."""

    context = blocks.CharBlock(required=False, label=_("context"))
    before = blocks.TextBlock(label=_("before"))
    after = blocks.TextBlock(label=_("after"))
    why = blocks.TextBlock(required=False, label=_("why it works"))

    class Meta:
        icon = "openquote"
        label = _("Phrase pair")
        template = "courses/blocks/phrase_pair.html"


class DialogueLineBlock(blocks.StructBlock):
    speaker = blocks.ChoiceBlock(
        choices=[("customer", _("Customer")), ("agent", _("Agent"))], label=_("speaker")
    )
    text = blocks.TextBlock(label=_("text"))


class DialogueBlock(blocks.StructBlock):
    """A short customer/agent exchange with speaker labels."""

    title = blocks.CharBlock(required=False, label=_("title"))
    lines = blocks.ListBlock(DialogueLineBlock(), label=_("lines"))

    class Meta:
        icon = "group"
        label = _("Dialogue")
        template = "courses/blocks/dialogue.html"


class CheckOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("answer"))
    correct = blocks.BooleanBlock(required=False, label=_("correct"))
    feedback = blocks.TextBlock(required=False, label=_("feedback"))


class KnowledgeCheckBlock(blocks.StructBlock):
    """One question inside a lesson: instant feedback, and the answer is recorded."""

    question = blocks.TextBlock(label=_("question"))
    options = blocks.ListBlock(CheckOptionBlock(), min_num=2, label=_("options"))

    class Meta:
        icon = "help"
        label = _("Knowledge check")
        template = "courses/blocks/knowledge_check.html"

    def clean(self, value):
        value = super().clean(value)
        if not any(option["correct"] for option in value["options"]):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "options": blocks.ListBlockValidationError(
                        non_block_errors=[_("Mark at least one answer as correct.")]
                    )
                }
            )
        return value


class PracticeBlock(blocks.StructBlock):
    """Live practice: the learner rewrites a weak reply and checks it before moving on."""

    situation = blocks.TextBlock(label=_("situation"))
    weak_reply = blocks.TextBlock(label=_("weak reply"))
    hint = blocks.TextBlock(required=False, label=_("hint"))

    class Meta:
        icon = "edit"
        label = _("Practice: rewrite a reply")
        template = "courses/blocks/practice.html"


class LessonBodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr"],
        label=_("Text"),
        template="courses/blocks/rich_text.html",
    )
    image = ImageBlock(label=_("Image"), template="courses/blocks/image.html")
    video = EmbedBlock(label=_("Video"), template="courses/blocks/video.html")
    callout = CalloutBlock()
    phrase_pair = PhrasePairBlock()
    dialogue = DialogueBlock()
    knowledge_check = KnowledgeCheckBlock()
    practice = PracticeBlock()
