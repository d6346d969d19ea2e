from django.urls import path

from linli.console import security_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", views.login_view, name="login"),
    path("accounts/login/code/", views.login_otp, name="login_otp"),
    path("accounts/logout/", views.logout_view, name="logout"),
    path("accounts/security/", security_views.security, name="security"),
    path("accounts/security/otp/start/", security_views.otp_start, name="otp_start"),
    path("accounts/security/otp/confirm/", security_views.otp_confirm, name="otp_confirm"),
    path("accounts/security/otp/disable/", security_views.otp_disable, name="otp_disable"),
    path("accounts/security/tokens/", security_views.token_create, name="token_create"),
    path("accounts/security/password/", security_views.password_change, name="password_change"),
    path("accounts/security/tokens/<int:pk>/revoke/", security_views.token_revoke, name="token_revoke"),
    path("community/switch/", views.switch_community, name="switch_community"),
    path("me/", views.me, name="me"),
]
