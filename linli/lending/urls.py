from django.urls import path

from linli.lending import views

app_name = "lending"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("readers/", views.reader_search, name="reader_search"),
    path("readers/<int:pk>/card/", views.card_issue, name="card_issue"),
    path("titles/", views.titles, name="titles"),
    path("titles/new/", views.title_form, name="title_create"),
    path("titles/isbn/", views.isbn_check, name="isbn_check"),
    path("titles/<int:pk>/", views.title_detail, name="title_detail"),
    path("titles/<int:pk>/edit/", views.title_form, name="title_edit"),
    path("titles/<int:pk>/copies/", views.copy_add, name="copy_add"),
    path("titles/<int:pk>/hold/", views.hold_place, name="hold_place"),
    path("copies/<int:pk>/mark/", views.copy_mark, name="copy_mark"),
    path("loans/", views.loans, name="loans"),
    path("loans/remind/", views.remind, name="remind"),
    path("loans/<int:pk>/<str:action>/", views.loan_action, name="loan_action"),
    path("holds/<int:pk>/cancel/", views.hold_cancel, name="hold_cancel"),
    path("settings/", views.settings_page, name="settings"),
    path("figures/", views.figures, name="figures"),
    path("me/", views.me, name="me"),
]
