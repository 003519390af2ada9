"""What hiring grants Steady's roles (see `courses.services.roles`)."""

from courses.roles import RECRUITER

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    RECRUITER: ("hiring.access_hiring",),
}
