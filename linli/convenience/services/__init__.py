"""convenience's writes: service types, orders, the entrusted-money ledger, certifications and fittings."""

from linli.convenience.services.ledger import (
    EntryInput,
    ledger_add,
    ledger_confirm,
    ledger_counter,
    ledger_edit,
    ledger_totals,
)
from linli.convenience.services.orders import (
    DoneInput,
    OrderInput,
    order_assign,
    order_cancel,
    order_complete,
    order_confirm,
    order_raise,
)
from linli.convenience.services.proxies import proxy_add, proxy_end
from linli.convenience.services.records import certification_record, fitting_check, fitting_record
from linli.convenience.services.types import service_type_save, types_ensure

__all__ = [
    "DoneInput",
    "EntryInput",
    "OrderInput",
    "certification_record",
    "fitting_check",
    "fitting_record",
    "ledger_add",
    "ledger_confirm",
    "ledger_counter",
    "ledger_edit",
    "ledger_totals",
    "order_assign",
    "order_cancel",
    "order_complete",
    "order_confirm",
    "order_raise",
    "proxy_add",
    "proxy_end",
    "service_type_save",
    "types_ensure",
]
