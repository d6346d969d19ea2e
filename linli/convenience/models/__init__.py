from linli.convenience.models.ledger import SIGN, EntryKind, LedgerEntry
from linli.convenience.models.orders import FittingKind, Order, Proxy, ServiceType, TypeKind
from linli.convenience.models.records import Certification, Fitting

__all__ = [
    "SIGN",
    "Certification",
    "EntryKind",
    "Fitting",
    "FittingKind",
    "LedgerEntry",
    "Order",
    "Proxy",
    "ServiceType",
    "TypeKind",
]
