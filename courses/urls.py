from django.urls import path

from .views import hiring, learner

app_name = "courses"

urlpatterns = [
    path("training/", learner.my_training, name="my_training"),
    path("hiring/", hiring.candidate_list, name="candidate_list"),
]
