from django.urls import path

from linli.activities.views import console, door, feed, phone

app_name = "activities"
urlpatterns = [
    path("", console.event_list, name="list"),
    path("new/", console.event_create, name="create"),
    path("categories/", console.categories, name="categories"),
    path("<int:pk>/", console.event_detail, name="detail"),
    path("<int:pk>/edit/", console.event_edit, name="edit"),
    path("<int:pk>/writeup/", console.event_writeup, name="writeup"),
    path("<int:pk>/sign-up-for/", console.event_signup_for, name="signup_for"),
    path("<int:pk>/duties/", console.duty_link, name="duty_link"),
    path("<int:pk>/poster/", console.poster, name="poster"),
    path("photos/<int:pk>/", console.photo, name="photo"),
    path("<int:pk>/roll/", door.roll, name="roll"),
    path("<int:pk>/check-in/", door.check_in, name="check_in"),
    path("<int:pk>/walk-in/", door.walk_in, name="walk_in"),
    path("<int:pk>/check-out/<int:attendance_pk>/", door.check_out, name="check_out"),
    path("join/", phone.browse, name="browse"),
    path("join/<int:pk>/", phone.event, name="event"),
    path("join/<int:pk>/sign-up/", phone.signup, name="signup"),
    path("mine/", phone.mine, name="mine"),
    path("mine/<int:pk>/cancel/", phone.cancel, name="cancel"),
    path("mine/<int:pk>/code/", phone.code, name="code"),
    path("calendar/<slug:code>.ics", feed.calendar, name="feed"),
]
