from django.urls import path

from .views import certificates, grading, learner, library, practice, quiz, team

app_name = "courses"

urlpatterns = [
    path("training/", learner.my_training, name="my_training"),
    path("training/replies/", library.reply_library, name="reply_library"),
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
    path("quiz/attempts/<int:pk>/", quiz.attempt_take, name="attempt_take"),
    path("quiz/attempts/<int:pk>/answer/", quiz.attempt_answer, name="attempt_answer"),
    path("quiz/attempts/<int:pk>/submit/", quiz.attempt_submit_view, name="attempt_submit"),
    path("quiz/attempts/<int:pk>/result/", quiz.attempt_result, name="attempt_result"),
    path("quiz/attempts/<int:pk>/review/", quiz.attempt_review, name="attempt_review"),
    path("quiz/grading/", grading.grading_queue, name="grading_queue"),
    path("quiz/grading/<int:pk>/", grading.answer_grade_view, name="answer_grade"),
    path("practice/check/", practice.practice_check_view, name="practice_check"),
]
