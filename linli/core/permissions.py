"""Platform-wide permission codes: what the personal-data rules of DESIGN.md govern in every module
(revealing a full value, exporting unmasked, the political-affiliation mark), the spreadsheet
import and export, and statistics. Each module owns its own codes in its `permissions.py`; these
are the ones no single module owns. They are declared with their descriptions in core/module.py."""

REVEAL_PII = "reveal_pii"
EXPORT_UNMASKED = "export_unmasked"
VIEW_STATS = "view_stats"
IMPORT_DATA = "import_data"  # import registers from spreadsheets
EXPORT_DATA = "export_data"  # download a list as a spreadsheet (masked unless EXPORT_UNMASKED)
# Party membership is political affiliation, a sensitive category (PIPL Art. 28): any module that
# lists people may mark in-service party members, but only for holders of this code.
VIEW_PARTY = "view_party"

# Holders of these must use a second factor when LINLI_REQUIRE_2FA is on (DECISIONS.md).
SECOND_FACTOR_PERMISSIONS = frozenset({REVEAL_PII, EXPORT_UNMASKED})


def may_reveal(scope, community_id: int) -> bool:
    return scope.has(REVEAL_PII, community_id)


def sees_party(scope, community_id: int | None) -> bool:
    return scope.has(VIEW_PARTY, community_id) if community_id else scope.is_superuser
