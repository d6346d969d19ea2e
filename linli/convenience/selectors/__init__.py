"""Reads of convenience for its pages, its API and other modules: orders and ledgers (`orders`),
the monthly check, certifications due and fittings due (`records`)."""

from linli.convenience.selectors.orders import (
    get_entry_for,
    get_fitting_for,
    get_order_for,
    get_proxy_for,
    home_counts,
    ledger_lines,
    my_orders,
    order_list,
    order_page,
    own_data,
    report_counts,
    residents_spoken_for,
    service_types,
)
from linli.convenience.selectors.records import (
    certification_due,
    export_lines,
    fitting_counts,
    fitting_due,
    latest_month,
    month_totals,
)

__all__ = [
    "certification_due",
    "export_lines",
    "fitting_counts",
    "fitting_due",
    "get_entry_for",
    "get_fitting_for",
    "get_order_for",
    "get_proxy_for",
    "home_counts",
    "latest_month",
    "ledger_lines",
    "month_totals",
    "my_orders",
    "order_list",
    "order_page",
    "own_data",
    "report_counts",
    "residents_spoken_for",
    "service_types",
]
