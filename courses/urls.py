from django.urls import path

from .views import grading, hiring, learner, quiz

app_name = "courses"

urlpatterns = [
    path("training/", learner.my_training, name="my_training"),
    path("hiring/", hiring.candidate_list, name="candidate_list"),
    path("quiz/attempts/<int:pk>/", quiz.attempt_take, name="attempt_take"),
    path("quiz/attempts/<int:pk>/answer/", quiz.attempt_answer, name="attempt_answer"),
    path("quiz/attempts/<int:pk>/submit/", quiz.attempt_submit_view, name="attempt_submit"),
    path("quiz/attempts/<int:pk>/result/", quiz.attempt_result, name="attempt_result"),
    path("quiz/attempts/<int:pk>/review/", quiz.attempt_review, name="attempt_review"),
    path("quiz/grading/", grading.grading_queue, name="grading_queue"),
    path("quiz/grading/<int:pk>/", grading.answer_grade_view, name="answer_grade"),
]
