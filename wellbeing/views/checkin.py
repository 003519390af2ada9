from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.conf import steady_setting
from courses.lib.session_memo import session_memo_forget
from wellbeing import instruments
from wellbeing.context_processors import CHECKIN_MEMO
from wellbeing.forms import CheckInForm
from wellbeing.services import CheckInRefused, checkin_pending_for, checkin_skip, checkin_submit


@login_required
def checkin(request):
    """The open check-in: answer it, or skip it. One answer per person and period."""
    today = timezone.localdate()
    if request.method == "POST":
        session_memo_forget(request, CHECKIN_MEMO)  # the banner asks again after an answer
        form_code = request.POST.get("form_code", "")
        period = request.POST.get("period", "")
        if form_code not in instruments.CHECKIN_FORMS:
            messages.error(request, _("This check-in is closed."))
            return redirect("wellbeing:checkin")
        try:
            if "skip" in request.POST:
                checkin_skip(user=request.user, form=form_code, period=period, today=today)
                messages.info(request, _("Skipped. The next check-in will come as usual."))
                return redirect(steady_setting("HOME_URL"))
            form = CheckInForm(request.POST, instrument=instruments.get(form_code))
            if form.is_valid():
                checkin_submit(
                    user=request.user,
                    form=form_code,
                    period=period,
                    answers=form.answers(),
                    comment=form.cleaned_data.get("comment", ""),
                    today=today,
                )
                messages.success(
                    request, _("Thank you. Your answers were stored without your name.")
                )
                return redirect(steady_setting("HOME_URL"))
        except CheckInRefused as refused:
            messages.error(request, refused.message)
            return redirect("wellbeing:checkin")
        pending = checkin_pending_for(user=request.user, today=today)
        return _page(request, form, pending, status=400)
    pending = checkin_pending_for(user=request.user, today=today)
    form = None
    if pending is not None:
        form = CheckInForm(
            instrument=pending.instrument,
            initial={"form_code": pending.form, "period": pending.period},
        )
    return _page(request, form, pending)


def _page(request, form, pending, *, status: int = 200):
    context = {
        "form": form,
        "pending": pending,
        "home_url": resolve_url(steady_setting("HOME_URL")),
    }
    return TemplateResponse(request, "wellbeing/checkin.html", context, status=status)
