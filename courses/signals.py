"""Signal receivers: thin callers of services, connected in CoursesConfig.ready()."""

from django.db.models.signals import m2m_changed, post_delete, post_save


def on_membership_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .services.paths import path_assignments_apply_to_member

        path_assignments_apply_to_member(membership=instance)


def on_groups_changed(sender, instance, action, pk_set, reverse, **kwargs):
    if action == "post_add" and not reverse and pk_set:
        from .services.paths import path_assignments_apply_to_group_member

        path_assignments_apply_to_group_member(user=instance, group_ids=pk_set)


def connect() -> None:
    from django.contrib.auth import get_user_model

    from .models import TeamMembership

    post_save.connect(on_membership_saved, sender=TeamMembership, dispatch_uid="steady-join-team")
    post_save.connect(on_page_changed, dispatch_uid="steady-routes-saved")
    post_delete.connect(on_page_changed, dispatch_uid="steady-routes-deleted")
    m2m_changed.connect(
        on_groups_changed,
        sender=get_user_model().groups.through,
        dispatch_uid="steady-join-group",
    )


def on_page_changed(sender, instance, **kwargs) -> None:
    """A page or topic saved or deleted here: every page kept per process is loaded
    again (other processes see the change in the rows they read, `lib.row_memo`)."""
    from wagtail.models import Page

    from .lib.row_memo import forget_all
    from .models import Topic

    if isinstance(instance, Page | Topic):
        forget_all()
