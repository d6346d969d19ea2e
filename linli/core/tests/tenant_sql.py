"""The tenant-key rule on captured SQL (issue 14): a query that reaches *many* rows of a tenant table
says which community they belong to, so that PostgreSQL uses the (community_id, …) indexes and Citus
keeps the work on one shard.

- A tenant table read in FROM (the main query or a subquery) is filtered on its own `community_id`
  in that same SELECT, after its FROM (the column list does not count), or found by a unique key.
- A tenant table joined in reaches many rows unless the join is on its primary key (a forward
  foreign key: one row, by the primary key's index). Any other join — a reverse relation, such as a
  resident's household memberships — carries the joined table's own `community_id` in its ON clause. That is the join of
  the home page that read the whole city's 205,016 memberships for one community's households.
"""

import re

from django.apps import apps

from linli.core.scoping import TenantModel

_FROM = re.compile(r'\bFROM\s+"(\w+)"(?:\s+(?:AS\s+)?("?\w+"?))?', re.I)
_JOIN = re.compile(r'\bJOIN\s+"(\w+)"(?:\s+(?:AS\s+)?("?\w+"?))?\s+ON\s+\(', re.I)
# FROM inside a function's parentheses is no table read: PostgreSQL's EXTRACT(MONTH FROM "t"."day").
_FUNCTION_FROM = re.compile(r"\b(EXTRACT|SUBSTRING|TRIM|OVERLAY)\s*\([^()]*$", re.I)
_KEYWORDS = {"WHERE", "INNER", "LEFT", "RIGHT", "FULL", "JOIN", "GROUP", "ORDER", "LIMIT", "ON", "UNION", "HAVING"}


def tenant_tables() -> set[str]:
    return {m._meta.db_table for m in apps.get_models() if issubclass(m, TenantModel)}


def _unique_columns() -> dict[str, set[str]]:
    """Per tenant table, the columns a single row is found by (primary key, one-to-one, unique)."""
    columns: dict[str, set[str]] = {}
    for model in apps.get_models():
        if issubclass(model, TenantModel):
            unique = {f.column for f in model._meta.concrete_fields if f.primary_key or f.unique}
            columns[model._meta.db_table] = unique
    return columns


_UNIQUE: dict[str, set[str]] = {}


def _by_unique_key(table: str, ref: str, span: str) -> bool:
    """`WHERE t."user_id" = 2` on a one-to-one reads one row by its index, whatever the community; and
    a user's own rows (`user_id = N`: his volunteer registrations, his memberships) are found by the
    account across the communities he serves, by design, a handful of rows by the index on user_id."""
    if not _UNIQUE:
        _UNIQUE.update(_unique_columns())
    if re.search(rf'{re.escape(ref)}\."user_id"\s*=\s*\d', span):
        return True
    return any(re.search(rf'{re.escape(ref)}\."{c}"\s*(=|IN\s*\()', span) for c in _UNIQUE.get(table, ()))


def _alias(table: str, alias: str | None) -> str:
    if alias and alias.strip('"').upper() not in _KEYWORDS:
        return alias if alias.startswith('"') else alias
    return f'"{table}"'


def _enclosing(sql: str, pos: int) -> str:
    """The rest of the parenthesised SELECT around pos (or of the statement), from pos on: the FROM
    clause and what follows it, not the column list (which names community_id in every full read)."""
    depth, start = 0, 0
    for i in range(pos, -1, -1):
        if sql[i] == ")":
            depth += 1
        elif sql[i] == "(":
            if depth == 0:
                start = i + 1
                break
            depth -= 1
    depth, end = 0, len(sql)
    for i in range(pos, len(sql)):
        if sql[i] == "(":
            depth += 1
        elif sql[i] == ")":
            if depth == 0:
                end = i
                break
            depth -= 1
    return sql[max(start, pos) : end]


def _parenthesised(sql: str, open_at: int) -> str:
    depth = 0
    for i in range(open_at, len(sql)):
        if sql[i] == "(":
            depth += 1
        elif sql[i] == ")":
            depth -= 1
            if depth == 0:
                return sql[open_at + 1 : i]
    return sql[open_at + 1 :]


def violations(sql: str, tables: set[str] | None = None) -> list[str]:
    tables = tenant_tables() if tables is None else tables
    found = []
    for match in _FROM.finditer(sql):
        table = match.group(1)
        if table not in tables or _FUNCTION_FROM.search(sql, 0, match.start()):
            continue
        ref = _alias(table, match.group(2))
        span = _enclosing(sql, match.start())
        if f'{ref}."community_id"' not in span and not _by_unique_key(table, ref, span):
            found.append(f"{table} read without its community_id")
    for match in _JOIN.finditer(sql):
        table = match.group(1)
        if table not in tables:
            continue
        ref = _alias(table, match.group(2))
        condition = _parenthesised(sql, match.end() - 1)
        on_primary_key = re.fullmatch(
            rf'\s*\(?\s*"?\w+"?\."\w+"\s*=\s*{re.escape(ref)}\."id"\s*\)?\s*', condition
        ) or re.fullmatch(rf'\s*\(?\s*{re.escape(ref)}\."id"\s*=\s*"?\w+"?\."\w+"\s*\)?\s*', condition)
        if not on_primary_key and f'{ref}."community_id"' not in condition:
            found.append(f"{table} joined on ({condition.strip()}) without community_id")
    return found
