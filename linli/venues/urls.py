from django.urls import path

from linli.venues.views import booking, fitness, manage

app_name = "venues"

urlpatterns = [
    path("", booking.home, name="home"),
    path("mine/", booking.my_bookings, name="my_bookings"),
    path("places/new/", manage.venue_form, name="venue_create"),
    path("places/<int:pk>/", booking.venue_week, name="venue_week"),
    path("places/<int:pk>/edit/", manage.venue_form, name="venue_edit"),
    path("places/<int:pk>/hours/", manage.venue_hours, name="venue_hours"),
    path("places/<int:pk>/closures/", manage.closure_add, name="closure_add"),
    path("things/new/", manage.thing_form, name="thing_create"),
    path("things/<int:pk>/", booking.thing_week, name="thing_week"),
    path("things/<int:pk>/book/", booking.thing_book, name="thing_book"),
    path("things/<int:pk>/weekly/", manage.series_form, name="series_form"),
    path("things/<int:pk>/edit/", manage.thing_form, name="thing_edit"),
    path("things/<int:pk>/service/", manage.thing_service, name="thing_service"),
    path("things/<int:pk>/photo/", booking.photo, name="photo"),
    path("bookings/<int:pk>/<slug:what>/", booking.booking_action, name="booking_action"),
    path("fitness/", fitness.fitness, name="fitness"),
    path("fitness/<int:pk>/", fitness.fitness_detail, name="fitness_detail"),
    path("fitness/<int:pk>/do/<slug:what>/", fitness.fitness_action, name="fitness_action"),
    path("figures/", fitness.figures, name="figures"),
]
