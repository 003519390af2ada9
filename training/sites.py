"""Wagtail's site for a page request, found with one plain SQL query.

Wagtail finds the site of every page request with an ORM query ranked by a
`CASE` expression, then loads the root page again as its own type: building
those queries costs more Python time than a learner page's own work. The rows
are few, so they are read with plain SQL and ranked here by Wagtail's rules
(`wagtail.models.sites.get_site_for_hostname`). The root page, as its specific
type, is kept per process while the columns of its row that the same query reads
(`courses.models.pages.PAGE_SIGNATURE_COLUMNS`: revision, publication, path…) say
the same: an edit, a publish, an unpublish, a move or a rename in the admin changes
one of them, so the next request in every worker loads it again. The site rows
themselves are read anew every time.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from courses.lib.row_memo import RowMemo
from courses.models.pages import PAGE_SIGNATURE_COLUMNS

# Wagtail's ranks: hostname and port, hostname of the default site, the default
# site, another site with the hostname.
_HOSTNAME_PORT, _HOSTNAME_DEFAULT, _DEFAULT, _HOSTNAME = 0, 1, 2, 3


def _rank(hostname: str, port: int, row) -> int:
    if row[1] == hostname and row[2] == port:
        return _HOSTNAME_PORT
    if row[1] == hostname and row[5]:
        return _HOSTNAME_DEFAULT
    if row[5]:
        return _DEFAULT
    return _HOSTNAME


def site_for(hostname: str, port: int) -> Site | None:
    """The site serving this hostname and port, its root page loaded as its own type."""
    alias = router.db_for_read(Site)
    connection = connections[alias]
    site_table = connection.ops.quote_name(Site._meta.db_table)
    page_table = connection.ops.quote_name(Page._meta.db_table)
    page_columns = ", ".join(f"p.{column}" for column in PAGE_SIGNATURE_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.id, s.hostname, s.port, s.site_name, s.root_page_id, s.is_default_site,"  # noqa: S608
            f" {page_columns} FROM {site_table} s JOIN {page_table} p ON p.id = s.root_page_id"
            " WHERE s.hostname = %s OR s.is_default_site",
            [hostname],
        )
        rows = sorted(cursor.fetchall(), key=lambda row: _rank(hostname, port, row))
    if not rows:
        return None
    if len(rows) > 1 and _rank(hostname, port, rows[0]) not in (_HOSTNAME_PORT, _HOSTNAME_DEFAULT):
        # The default site of another hostname: a single site with this hostname wins.
        rows = rows[1:] if len(rows) == 2 else rows
    site_id, site_hostname, site_port, name, root_id, is_default = rows[0][:6]
    root_signature = rows[0][6:]
    site = Site(
        id=site_id,
        hostname=site_hostname,
        port=site_port,
        site_name=name,
        root_page_id=root_id,
        is_default_site=bool(is_default),
    )
    site._state.adding = False
    site._state.db = alias

    def load() -> Page:
        content_type_id = root_signature[PAGE_SIGNATURE_COLUMNS.index("content_type_id")]
        model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
        return model.objects.using(alias).get(pk=root_id)

    site.root_page = _ROOT_PAGES.get((alias, root_id), root_signature, load)
    return site


# (database, root page id) -> the root page as its specific type, while its row says the same
_ROOT_PAGES = RowMemo(limit=64)


class SiteMiddleware:
    """Finds the site of a Wagtail page request (`Site.find_for_request` then reuses it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve and not hasattr(request, "_wagtail_site"):
            try:
                port = int(request.get_port())
            except ValueError:
                return None  # Wagtail's own lookup decides
            hostname = split_domain_port(request._get_raw_host())[0]
            request._wagtail_site = site_for(hostname, port)
        return None
