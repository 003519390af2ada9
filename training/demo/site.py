"""Demo site: the home page in three languages, and the Editor role's page rights."""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupPagePermission, Locale, Page, Site

from courses.roles import EDITOR
from training.models import HomePage

HOME_TEXT = {
    "en": (
        "Steady at Northwind Home",
        "<p>Training for our support team, timed role-play assessments for candidates,"
        " and early warnings that help leads keep people well.</p>",
    ),
    "ru": (
        "Steady в Northwind Home",
        "<p>Обучение нашей службы поддержки, ролевые задания на время для кандидатов"
        " и ранние предупреждения, которые помогают руководителям беречь людей.</p>",
    ),
    "pl": (
        "Steady w Northwind Home",
        "<p>Szkolenia dla naszego zespołu obsługi klienta, ćwiczenia z odgrywaniem ról"
        " dla kandydatów i wczesne ostrzeżenia, które pomagają liderom dbać o ludzi.</p>",
    ),
}


def ensure_locales() -> dict[str, Locale]:
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code in HOME_TEXT}


@transaction.atomic
def load_site() -> HomePage:
    """A HomePage as the default site's root, with ru and pl translations."""
    locales = ensure_locales()
    home = HomePage.objects.filter(locale=locales["en"]).first()
    if home is None:
        _remove_wagtail_welcome_page()
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locales["en"])
        )
        title, intro = HOME_TEXT["en"]
        home = root.add_child(
            instance=HomePage(title=title, slug="home", intro=intro, locale=locales["en"])
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Steady",
            },
        )

    for code in ("ru", "pl"):
        if not home.has_translation(locales[code]):
            translated = home.copy_for_translation(locales[code])
            title, intro = HOME_TEXT[code]
            translated.title = title
            translated.intro = intro
            translated.save_revision().publish()

    editors = Group.objects.get(name=EDITOR)
    for codename in ("add_page", "change_page", "publish_page"):
        _grant_page_permission(editors, home, codename)
    return home


def _remove_wagtail_welcome_page() -> None:
    """Wagtail's install leaves a bare "Welcome" page as the site root; the demo replaces it."""
    for page in Page.objects.filter(depth=2, content_type__model="page", numchild=0):
        page.delete()


def _grant_page_permission(group: Group, page: Page, codename: str) -> None:
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
    GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)
