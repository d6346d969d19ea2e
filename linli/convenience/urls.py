from django.urls import path

from linli.convenience.views import ledger, mine, orders, records, setup

app_name = "convenience"

urlpatterns = [
    path("", orders.order_list, name="order_list"),
    path("new/", orders.order_new, name="order_new"),
    path("orders/<int:pk>/", orders.order_detail, name="order_detail"),
    path("orders/<int:pk>/assign/", orders.order_assign, name="order_assign"),
    path("orders/<int:pk>/done/", orders.order_complete, name="order_complete"),
    path("orders/<int:pk>/cancel/", orders.order_cancel, name="order_cancel"),
    path("orders/<int:pk>/evidence/", orders.order_evidence, name="order_evidence"),
    path("orders/<int:pk>/ledger/", ledger.ledger_add, name="ledger_add"),
    path("orders/<int:pk>/confirm/", ledger.order_confirm, name="order_confirm"),
    path("ledger/<int:pk>/counter/", ledger.ledger_counter, name="ledger_counter"),
    path("ledger/<int:pk>/edit/", ledger.ledger_edit, name="ledger_edit"),
    path("ledger/<int:pk>/receipt/", orders.receipt, name="receipt"),
    path("month/", ledger.ledger_month, name="ledger_month"),
    path("month/export/", ledger.ledger_export, name="ledger_export"),
    path("mine/", mine.mine, name="mine"),
    path("mine/new/", mine.mine_new, name="mine_new"),
    path("certifications/", records.certifications, name="certifications"),
    path("certifications/add/", records.certification_add, name="certification_add"),
    path("fittings/", records.fittings, name="fittings"),
    path("fittings/add/", records.fitting_add, name="fitting_add"),
    path("fittings/<int:pk>/check/", records.fitting_check, name="fitting_check"),
    path("types/", setup.types, name="types"),
    path("types/save/", setup.type_save, name="type_save"),
    path("proxies/", setup.proxies, name="proxies"),
    path("proxies/add/", setup.proxy_add, name="proxy_add"),
    path("proxies/<int:pk>/end/", setup.proxy_end, name="proxy_end"),
]
