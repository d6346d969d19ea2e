"""party's imports, on the core engine: the 政治面貌 column of people's register (party members
become 待确认党员 for staff to confirm) and the party roll (党员名册) itself."""

from linli.core.imports import register_extension, register_importer
from linli.party.imports.register import EXTENSION
from linli.party.imports.roll import PartyRollImporter

register_extension(EXTENSION)
register_importer(PartyRollImporter())

__all__ = ["EXTENSION", "PartyRollImporter"]
