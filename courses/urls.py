from django.urls import path

from .views import certificates, hiring, learner, team

app_name = "courses"

urlpatterns = [
    path("training/", learner.my_training, name="my_training"),
    path("training/paths/<int:path_id>/", learner.path_detail, name="path_detail"),
    path("training/courses/<int:course_id>/start/", learner.course_begin, name="course_start"),
    path("training/lessons/<int:lesson_id>/done/", learner.lesson_done, name="lesson_complete"),
    path(
        "training/lessons/<int:lesson_id>/check/",
        learner.knowledge_check,
        name="knowledge_check",
    ),
    path("team/training/", team.team_training, name="team_matrix"),
    path(
        "team/training/export.<str:fmt>",
        team.team_training_export,
        name="team_matrix_export",
    ),
    path("certificates/verify/", certificates.certificate_verify_page, name="certificate_verify"),
    path(
        "certificates/verify/<str:code>/",
        certificates.certificate_verify_page,
        name="certificate_verify_code",
    ),
    path(
        "certificates/<str:code>/print/",
        certificates.certificate_print,
        name="certificate_print",
    ),
    path("hiring/", hiring.candidate_list, name="candidate_list"),
]
