"""Admin wiring for the wellbeing app: registrations only."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import can_manage_wellbeing
from .views import imports_admin


class WellbeingAdminMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_wellbeing(request.user)


@hooks.register("register_admin_urls")
def register_wellbeing_admin_urls():
    return [
        path(
            "wellbeing/",
            include((imports_admin.urlpatterns, "wellbeing_admin"), namespace="wellbeing_admin"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return WellbeingAdminMenuItem(
        _("Workload import"),
        reverse("wellbeing_admin:import_upload"),
        icon_name="upload",
        order=900,
    )
