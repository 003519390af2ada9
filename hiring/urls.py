from django.urls import path

from .views import assessment, recruiter

app_name = "hiring"

urlpatterns = [
    path("hiring/", recruiter.candidate_list, name="candidate_list"),
    path("hiring/invite/", recruiter.candidate_invite, name="candidate_invite"),
    path("hiring/positions/", recruiter.position_list, name="position_list"),
    path("hiring/compare/", recruiter.candidate_compare, name="candidate_compare"),
    path("hiring/candidates/<int:pk>/", recruiter.candidate_detail, name="candidate_detail"),
    path(
        "hiring/candidates/<int:pk>/decision/",
        recruiter.candidate_decision,
        name="candidate_decision",
    ),
    path(
        "hiring/candidates/<int:pk>/<slug:action>/",
        recruiter.candidate_action,
        name="candidate_action",
    ),
    path("hiring/grading/", recruiter.grading_queue, name="grading_queue"),
    path("hiring/grading/<int:pk>/", recruiter.answer_grade, name="answer_grade"),
    # The candidate's side: no account, everything scoped by the invitation token.
    path("assessment/<str:token>/", assessment.assessment_landing, name="assessment_landing"),
    path("assessment/<str:token>/take/", assessment.assessment_take, name="assessment_take"),
    path("assessment/<str:token>/answer/", assessment.assessment_answer, name="assessment_answer"),
    path("assessment/<str:token>/signal/", assessment.assessment_signal, name="assessment_signal"),
    path("assessment/<str:token>/submit/", assessment.assessment_submit, name="assessment_submit"),
    path("assessment/<str:token>/done/", assessment.assessment_done, name="assessment_done"),
]
