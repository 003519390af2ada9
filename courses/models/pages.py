"""The course catalogue as Wagtail pages: index → course → lesson (and the quiz page).

Progress is recorded against the course and lessons of the default language; a
translated page resolves to that original through its translation key, so a
person who reads a lesson in Russian and the next one in English keeps one record.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import connections, models, router
from django.forms import CheckboxSelectMultiple
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from ..blocks import LessonBodyBlock
from ..lib.graph import prerequisite_cycle
from ..lib.locales import default_locale, locale_for
from ..lib.row_memo import RowMemo
from ..roles import ROLES
from .teams import in_active_language

QUIZ_MODEL_NAME = "quizpage"


class Topic(models.Model):
    """What a course is about, an editable list (product knowledge, consumer law, …)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name (English)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_pl = models.CharField(_("name (Polish)"), max_length=120, blank=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("name_ru"), FieldPanel("name_pl")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language, English when there is none."""
        return in_active_language(self, "name")


def prerequisites_validate(*, course, prerequisites) -> None:
    """Refuse a course that requires itself or closes a circle of prerequisites."""
    if not course.pk or not prerequisites:
        return
    if any(other.pk == course.pk for other in prerequisites):
        raise ValidationError({"prerequisites": _("A course cannot be its own prerequisite.")})
    through = CoursePage.prerequisites.through
    graph: dict[int, set[int]] = {}
    for source, target in through.objects.exclude(from_coursepage_id=course.pk).values_list(
        "from_coursepage_id", "to_coursepage_id"
    ):
        graph.setdefault(source, set()).add(target)
    graph[course.pk] = {other.pk for other in prerequisites}
    cycle = prerequisite_cycle(graph, start=course.pk)
    if cycle:
        titles = dict(CoursePage.objects.filter(pk__in=cycle).values_list("pk", "title"))
        path = " → ".join(titles.get(pk, str(pk)) for pk in cycle)
        raise ValidationError(
            {
                "prerequisites": _(
                    "These prerequisites make a circle, so nobody could ever start: %(path)s."
                )
                % {"path": path}
            }
        )


class CoursePageForm(WagtailAdminPageForm):
    """The editor's form: many-to-many choices are only visible here, not on the model."""

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("prerequisites")
        if chosen is not None:
            try:
                prerequisites_validate(course=self.instance, prerequisites=list(chosen))
            except ValidationError as refusal:
                for field, errors in refusal.message_dict.items():
                    for error in errors:
                        self.add_error(field, error)
        return cleaned


def canonical_page(page: Page) -> Page:
    """The default-language original of a (possibly translated) page."""
    default = default_locale()
    if page.locale_id == default.pk:
        return page
    original = (
        type(page).objects.filter(translation_key=page.translation_key, locale=default).first()
    )
    return original or page


def check_result(check, option_index: int) -> dict:
    """What the learner is shown after answering a knowledge check (JSON-ready)."""
    options = list(check["options"])
    chosen = options[option_index] if 0 <= option_index < len(options) else None
    correct = bool(chosen and chosen["correct"])
    return {
        "option": option_index,
        "correct": correct,
        "feedback": str(chosen["feedback"] or "") if chosen else "",
        "correct_options": [i for i, option in enumerate(options) if option["correct"]],
        "verdict": str(_("Correct.") if correct else _("Not quite.")),
    }


# Page types whose `route()` only passes the rest of the path on to the child with
# the next slug (Wagtail's own, and the course pages' below): routing may step over
# them without calling it. A page type with any other `route()` (a routable page, a
# quiz) is handed the rest of the path itself.
_PLAIN_ROUTES: set = {Page.route}

# The page types routing loads joined to the page row, so a lesson costs no second
# query for its specific fields (nor its course for its own).
_JOINED = ("courseindexpage", "coursepage", "coursepage__topic", "lessonpage")


def _specific(row: Page) -> Page:
    name = row.specific_class._meta.model_name if row.specific_class else ""
    if name in _JOINED:
        try:
            return getattr(row, name)
        except row.DoesNotExist:  # an inconsistent row: let Wagtail load it
            pass
    return row.specific


def route_to_child(parent: Page, request, path_components, *_legacy):
    """Route the rest of the path below `parent` with one query.

    Wagtail's own routing loads each page of the path in turn, plain and then again
    as its specific type. Every page keeps its path from the site root in
    `url_path` (Wagtail updates it on moves and slug changes), so all the pages of
    the rest of the path come in one query, course and lesson fields joined. The
    walk then keeps Wagtail's rules: each step must be a child of the one before
    with that slug (else 404), a page type with its own `route()` gets the rest of
    the path, and the last page is served only when it is live (`Page.route`).
    View restrictions are checked afterwards by Wagtail as usual. The pages are kept
    per process while their rows are unchanged (`_route_rows`).
    """
    if not path_components:
        return Page.route(parent, request, path_components)
    prefixes = []
    url_path = parent.url_path
    for component in path_components:
        url_path = f"{url_path}{component}/"
        prefixes.append(url_path)
    rows = _route_rows(parent, tuple(prefixes))
    current = parent
    for position, component in enumerate(path_components):
        row = rows.get(prefixes[position])
        if (
            row is None
            or row.slug != component
            or row.depth != current.depth + 1
            or not row.path.startswith(current.path)
        ):
            raise Http404
        child = row
        child._cached_parent_obj = current  # treebeard's get_parent() then needs no query
        rest = path_components[position + 1 :]
        if not rest or type(child).route not in _PLAIN_ROUTES:
            return child.route(request, rest)
        current = child
    raise Http404  # not reached: the loop returns


# (database, parent id, URL paths) -> the pages by URL path, while their rows say the same
_ROUTES = RowMemo(limit=2048)
# What changes in a page's row when it is edited (a revision), published, unpublished,
# moved, renamed or deleted: a page kept per process is loaded again when any of it
# differs (here, and the site's root page in `training.sites`).
PAGE_SIGNATURE_COLUMNS = (
    "id",
    "url_path",
    "path",
    "depth",
    "slug",
    "live",
    "latest_revision_id",
    "live_revision_id",
    "last_published_at",
    "has_unpublished_changes",
    "locale_id",
    "content_type_id",
)
# A course's topic comes joined to it: its row counts too.
_ROUTE_SIGNATURE = ", ".join(
    [
        *(f"p.{column}" for column in PAGE_SIGNATURE_COLUMNS),
        "t.id, t.code, t.name, t.name_ru, t.name_pl",
    ]
)


def _route_rows(parent: Page, prefixes: tuple[str, ...]) -> dict[str, Page]:
    """The pages at these URL paths below ``parent``, as their specific types.

    Kept per process: a plain query of the few columns that any edit, publication,
    move or rename changes is compared with what they were when the pages were
    loaded, and only when something differs (or a page was saved in this process)
    are the pages loaded again with their fields. Building and reading that full
    query is most of a lesson page's routing time.
    """
    alias = router.db_for_read(Page)
    connection = connections[alias]
    quote = connection.ops.quote_name
    tables = (
        f"{quote(Page._meta.db_table)} p"
        f" LEFT JOIN {quote(CoursePage._meta.db_table)} c ON c.page_ptr_id = p.id"
        f" LEFT JOIN {quote(Topic._meta.db_table)} t ON t.id = c.topic_id"
    )
    marks = ", ".join(["%s"] * len(prefixes))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {_ROUTE_SIGNATURE} FROM {tables} WHERE p.url_path IN ({marks})"  # noqa: S608
            " AND p.path LIKE %s AND p.depth > %s ORDER BY p.id",
            [*prefixes, f"{parent.path}%", parent.depth],
        )
        signature = tuple(cursor.fetchall())

    def load() -> dict[str, Page]:
        return {
            row.url_path: _specific(row)
            for row in Page.objects.using(alias)
            .filter(url_path__in=prefixes, path__startswith=parent.path, depth__gt=parent.depth)
            .select_related(*_JOINED)
        }

    return _ROUTES.get((alias, parent.pk, prefixes), signature, load)


def localized_draft(page: Page) -> Page:
    """Wagtail's `localized_draft` with the active locale from the process's cache.

    Wagtail asks the database for the active locale each time (routing asks for the
    site root's on every page); `courses.lib.locales` keeps the locale rows per
    process and forgets them when a locale is saved or deleted.
    """
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return page
    try:
        locale = locale_for(translation.get_language())
    except (Locale.DoesNotExist, LookupError):
        return page
    if locale.id == page.locale_id:
        return page
    return page.get_translation_or_none(locale) or page


def view_restrictions(page: Page):
    """Wagtail's view restrictions of `page`, without its two queries when none exist.

    Wagtail looks up the page's ancestors and then their restrictions on every page
    served. A site without any restriction (the usual case for a training site)
    answers one cheap SQL `EXISTS` instead; nothing is cached, so a restriction
    added in the admin applies to the very next request in every worker.
    """
    from django.db import connections, router
    from wagtail.models import PageViewRestriction

    alias = router.db_for_read(PageViewRestriction)
    table = connections[alias].ops.quote_name(PageViewRestriction._meta.db_table)
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")  # noqa: S608 (a quoted model table)
        if cursor.fetchone() is None:
            return PageViewRestriction.objects.none()
    return Page.get_view_restrictions(page)


class CourseIndexPage(Page):
    """The catalogue: every course a person can take."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    # Any parent (the host site's home page usually); courses and lessons accept none.
    subpage_types = ["courses.CoursePage"]
    template = "courses/course_index_page.html"

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        from ..selectors import catalogue_for

        context = super().get_context(request, *args, **kwargs)
        context["rows"] = catalogue_for(index_page=self, user=request.user)
        return context

    def route(self, request, path_components):
        return route_to_child(self, request, path_components)

    get_view_restrictions = view_restrictions
    localized_draft = property(localized_draft)


class CoursePage(Page):
    """One course: lessons in order, maybe a quiz, and how long its completion lasts."""

    class RefresherMode(models.TextChoices):
        QUIZ = "quiz", _("The refresher quiz only")
        COURSE = "course", _("The whole course again")

    intro = RichTextField(_("introduction"), blank=True)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="courses",
    )
    target_roles = ParentalManyToManyField(
        "auth.Group",
        verbose_name=_("target roles"),
        blank=True,
        limit_choices_to={"name__in": ROLES},
        related_name="+",
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=30)
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        blank=True,
        symmetrical=False,
        related_name="unlocks",
        help_text=_("Courses a person must complete before starting this one."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, help_text=_("Percent needed to pass the course quiz.")
    )
    validity_days = models.PositiveIntegerField(
        _("validity (days)"),
        null=True,
        blank=True,
        help_text=_("A refresher is due this many days after completion. Empty: never."),
    )
    refresher_mode = models.CharField(
        _("refresher"), max_length=10, choices=RefresherMode.choices, default=RefresherMode.QUIZ
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("topic"),
                FieldPanel("target_roles", widget=CheckboxSelectMultiple),
                FieldPanel("estimated_minutes"),
                FieldPanel("prerequisites"),
            ],
            heading=_("About the course"),
        ),
        MultiFieldPanel(
            [FieldPanel("pass_mark"), FieldPanel("validity_days"), FieldPanel("refresher_mode")],
            heading=_("Passing and refreshers"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    base_form_class = CoursePageForm
    parent_page_types = ["courses.CourseIndexPage"]
    # The quiz page is added to this list where the quiz engine is installed.
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]
    template = "courses/course_page.html"

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        prerequisites_validate(course=self, prerequisites=list(self.prerequisites.all()))

    @cached_property
    def original(self) -> "CoursePage":
        return canonical_page(self)

    def lesson_pages(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def has_quiz(self) -> bool:
        return self.get_children().filter(content_type__model=QUIZ_MODEL_NAME).exists()

    def get_context(self, request, *args, **kwargs):
        from ..selectors import course_progress_for

        context = super().get_context(request, *args, **kwargs)
        context["progress"] = course_progress_for(course=self, user=request.user)
        return context

    def route(self, request, path_components):
        return route_to_child(self, request, path_components)

    get_view_restrictions = view_restrictions
    localized_draft = property(localized_draft)


class LessonPage(Page):
    """A lesson: text, examples and a knowledge check, done in a sitting."""

    summary = models.CharField(_("summary"), max_length=255, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []
    template = "courses/lesson_page.html"

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @cached_property
    def original(self) -> "LessonPage":
        return canonical_page(self)

    def knowledge_check(self, block_id: str):
        """The knowledge check block with this id, or None."""
        for child in self.body:
            if child.block_type == "knowledge_check" and child.id == block_id:
                return child.value
        return None

    def get_context(self, request, *args, **kwargs):
        from ..selectors import knowledge_check_answers_for

        context = super().get_context(request, *args, **kwargs)
        earlier = knowledge_check_answers_for(lesson=self, user=request.user)
        context["check_answers"] = {
            block_id: check_result(self.knowledge_check(block_id), option)
            for block_id, option in earlier.items()
            if self.knowledge_check(block_id) is not None
        }
        return context

    get_view_restrictions = view_restrictions
    localized_draft = property(localized_draft)

    def serve(self, request, *args, **kwargs):
        """Serve the lesson to an enrolled person; others are told what to do instead."""
        from ..services.progress import ProgressError, lesson_visit

        if getattr(request, "is_preview", False):
            return super().serve(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            lesson_visit(user=request.user, lesson=self)
        except ProgressError as refusal:
            course = self.get_parent()
            return TemplateResponse(
                request,
                "courses/refused.html",
                {"message": refusal.message, "back_url": course.url, "back_label": course.title},
                status=403,
            )
        return super().serve(request, *args, **kwargs)


_PLAIN_ROUTES.update({CourseIndexPage.route, CoursePage.route})
