"""The personas of the role walk (linli/console/tests/test_role_walk.py) and the sets of them each
module's walk tables (`<app>/tests/walk.py`) name as allowed."""

ROLES = [
    "anon",
    "secretary",
    "worker",
    "grid1",
    "grid2",
    "building",
    "property",
    "hoa",
    "resident",
    "supervisor",
    "outsider",
    "admin",
]
EVERYONE = set(ROLES) - {"anon"}
FULL = {"secretary", "worker", "admin"}
READERS = FULL | {"grid1", "grid2"}  # see the registry of their community (grid workers: own grids)
GRID1 = FULL | {"grid1"}  # objects in grid 1
STATS = FULL | {"supervisor"}
FILERS = EVERYONE - {"supervisor"}  # everyone with a role in a community may report a need
HANDLERS = READERS  # community staff who accept and route cases (grid workers: their grids)
MEETINGS = FULL | {"property", "hoa"}
VOLUNTEERS = READERS  # see volunteers, hours and teams (grid workers too); FULL manage them
LIBRARY = EVERYONE - {"supervisor"}  # the project library and duties: anyone with a role in the community
OWN = READERS | {"resident"}  # rows of 王芳, the resident, who is a volunteer
SECRETARY = {"secretary", "admin"}
