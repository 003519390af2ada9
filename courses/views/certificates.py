"""Certificates: public verification by code, and a printable page for the holder."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.template.response import TemplateResponse

from ..lib.codes import display_code, normalise_code
from ..models import Certificate, CoursePage
from ..selectors import localized_map
from ..services.certificates import certificate_verify


def certificate_verify_page(request, code: str = ""):
    """Anyone can check a code: name, course, dates, and plainly whether it is valid."""
    code = code or request.GET.get("code", "")
    result = None
    if code:
        result = certificate_verify(code)
    course = None
    if result is not None and result.certificate is not None:
        course = localized_map([result.certificate.course], CoursePage)[
            result.certificate.course_id
        ]
    return TemplateResponse(
        request,
        "courses/certificate_verify.html",
        {
            "code": display_code(normalise_code(code)) if code else "",
            "result": result,
            "course": course,
        },
        status=404 if result is not None and result.status == "unknown" else 200,
    )


@login_required
def certificate_print(request, code: str):
    """The holder's certificate as a page made for printing."""
    certificate = (
        Certificate.objects.select_related("user", "course")
        .filter(code=normalise_code(code))
        .first()
    )
    if certificate is None or (
        certificate.user_id != request.user.pk and not request.user.is_superuser
    ):
        raise Http404
    course = localized_map([certificate.course], CoursePage)[certificate.course_id]
    return TemplateResponse(
        request,
        "courses/certificate_print.html",
        {"certificate": certificate, "course": course, "code": display_code(certificate.code)},
    )
