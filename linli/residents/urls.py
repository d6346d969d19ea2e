from django.urls import path

from linli.residents import correction_views, views

app_name = "residents"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/verify/", views.signup_verify, name="signup_verify"),
    path("login/", views.login_password, name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path("login/code/verify/", views.login_code_verify, name="login_code_verify"),
    path("password/reset/", views.reset, name="reset"),
    path("password/reset/verify/", views.reset_verify, name="reset_verify"),
    path("start/", views.start, name="start"),
    path("requests/", views.requests, name="requests"),
    path("requests/<int:pk>/<str:action>/", views.decide, name="decide"),
    path("me/corrections/", correction_views.mine, name="my_corrections"),
    path("corrections/", correction_views.queue, name="corrections"),
    path("corrections/<int:pk>/reveal/", correction_views.reveal, name="correction_reveal"),
    path("corrections/<int:pk>/<str:action>/", correction_views.decide, name="correction_decide"),
]
