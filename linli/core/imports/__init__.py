"""The import engine: one path from an uploaded spreadsheet to rows in the database, for every
module that imports a list (the register, buildings and dwellings, the party roll, volunteers).

upload → the header is found and columns mapped (the user confirms or fixes the mapping) → check
(a dry run: every row gets create / update / unchanged / error, nothing is written) → commit (the
same pipeline, writing, in one transaction). All-or-nothing mode rolls the whole file back when a
row fails; good-rows mode writes the good rows. Either way the rejected rows come back as a
workbook with their original cells and the reason, and created + updated + unchanged + rejected
always equals the rows read.

An importer (see `Importer`) knows its columns and its rows; the engine knows files, mapping,
chunks, transactions, counts, progress and the rejected-rows workbook. Checks and commits run as
background tasks (`linli.core.tasks`, reached through `queue`); their arguments are ids, never
personal data.

The package, one file per part: `importer` (what a module provides, the register), `services`
(what a user does to a job), `selectors` (what a user may read of jobs), `engine` (the background
run of a phase), `liveness` (heartbeats, the run lock, the sweep of interrupted runs), `files` (the
job's files under IMPORT_ROOT), `rejects` (the rejected-rows workbook), `events` (the job's
timeline), `queue` (the hand-over to the task).
"""

from linli.core.imports.engine import run
from linli.core.imports.files import can_rerun, forget_files, progress, rejected_workbook
from linli.core.imports.importer import (
    Importer,
    ImportExtension,
    SourceRow,
    extensions_for,
    importer_for,
    importers,
    intro_for,
    register_extension,
    register_importer,
)
from linli.core.imports.liveness import is_stalled
from linli.core.imports.rejects import column_letter
from linli.core.imports.services import (
    MODE_HELP,
    earlier_imports,
    import_cancel,
    import_remap,
    import_rerun,
    import_set_mapping,
    import_start,
    import_upload,
)

__all__ = [
    "MODE_HELP",
    "ImportExtension",
    "Importer",
    "SourceRow",
    "can_rerun",
    "column_letter",
    "earlier_imports",
    "extensions_for",
    "forget_files",
    "import_cancel",
    "import_remap",
    "import_rerun",
    "import_set_mapping",
    "import_start",
    "import_upload",
    "importer_for",
    "importers",
    "intro_for",
    "is_stalled",
    "progress",
    "register_extension",
    "register_importer",
    "rejected_workbook",
    "run",
]
