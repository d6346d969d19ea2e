from django.urls import path

from linli.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.case_new, name="case_new"),
    path("new/hints/", views.case_hints, name="case_hints"),
    path("new/reporters/", views.reporter_options, name="reporter_options"),
    path("new/dwellings/", views.dwelling_options, name="dwelling_options"),
    path("new/buildings/", views.building_options, name="building_options"),
    path("new/callers/", views.caller_search, name="caller_search"),
    path("bulk-assign/", views.bulk_assign, name="bulk_assign"),
    path("mine/", views.my_cases, name="my_cases"),
    path("public/<int:pk>/", views.public_case, name="public_case"),
    path("notices/", views.notices, name="notices"),
    path("supervision/", views.supervision, name="supervision"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/do/<slug:action>/", views.case_action, name="case_action"),
    path("<int:pk>/contact/", views.reveal_contact, name="reveal_contact"),
    path("<int:pk>/joint/<int:party_pk>/", views.joint_party, name="joint_party"),
    path("<int:pk>/mediation/<slug:what>/", views.mediation, name="mediation"),
    path("<int:pk>/agreement/", views.agreement_print, name="agreement_print"),
    path("files/<int:pk>/", views.attachment, name="attachment"),
    path("settings/", views.category_list, name="category_list"),
    path("settings/categories/new/", views.category_form, name="category_create"),
    path("settings/categories/<int:pk>/", views.category_form, name="category_edit"),
    path("settings/keys/", views.key_create, name="key_create"),
    path("settings/keys/<int:pk>/revoke/", views.key_revoke, name="key_revoke"),
    path("settings/retrain/", views.retrain, name="retrain"),
]
