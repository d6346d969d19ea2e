"""The register's yes/no columns (是否残疾 / 是否低保 / 是否独居) as the resident's key-group tags:
“是” adds the tag, “否” takes it off, a blank cell leaves it as it is. Only tags the importing
person may see are touched; a “是” for a tag the community does not keep (or that is hidden from
him) rejects the row, saying which, so nothing is dropped silently."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from linli.core.imports import SourceRow
from linli.core.scoping import scope_for
from linli.core.sheets import cells
from linli.core.sheets.cells import CellProblem
from linli.people.imports.context import Context
from linli.people.imports.spec import SPEC, TAG_COLUMNS, name_key
from linli.people.models import ResidentTag, Tag

ELDERLY_AGE = 60  # 独居老人: living alone and 60 or over (the demo's tag says so)


def load_tags(context: Context) -> None:
    """The tags the actor may see, by name key; once per run."""
    visible = Tag.objects.visible_to(scope_for(context.actor)).filter(community_id=context.community.pk)
    by_name = {name_key(t.name): t for t in visible}
    for column, names in TAG_COLUMNS.items():
        tag = next((by_name[k] for k in map(name_key, names) if k in by_name), None)
        if tag is not None:
            context.tag_columns[column] = tag


def parse_tags(context: Context, row: SourceRow) -> dict[str, bool]:
    """Each mapped yes/no column's answer; unknown words reject the row."""
    answers = {}
    for column in TAG_COLUMNS:
        if column not in context.job.mapping:
            continue
        label = SPEC.column(column).label
        try:
            answer = cells.yes_no(row.raw.get(column), what=label)
        except CellProblem as exc:
            row.reject(column, exc)
            continue
        if answer is None:
            continue
        if answer and column not in context.tag_columns:
            row.reject(
                column,
                _("“%(col)s”填了“是”，但本社区没有“%(tag)s”标签（或你看不到它）：请先在标签管理中添加，或请书记导入。")
                % {"col": label, "tag": TAG_COLUMNS[column][0]},
            )
            continue
        answers[column] = answer
    return answers


def check_tags(context: Context, rows: list[SourceRow]) -> None:
    """What each good row would add or take off, against the tags its resident has now."""
    wanted = [r for r in rows if r.ok and r.data and r.data.tag_answers]
    existing = [r.data.resident.pk for r in wanted if r.data.existing]
    have: dict[int, set[int]] = defaultdict(set)
    if existing:
        tag_ids = [t.pk for t in context.tag_columns.values()]
        pairs = ResidentTag.objects.in_community(context.community).filter(resident_id__in=existing, tag_id__in=tag_ids)
        for resident_id, tag_id in pairs.values_list("resident_id", "tag_id"):
            have[resident_id].add(tag_id)
    for row in wanted:
        parsed = row.data
        current = have.get(parsed.resident.pk, set()) if parsed.existing else set()
        for column, answer in parsed.tag_answers.items():
            tag = context.tag_columns.get(column)
            if tag is None:
                continue
            if answer and column == "tag_alone" and _younger_than(parsed.resident, ELDERLY_AGE, context):
                row.add_change(_("独居但未满%(age)d岁，未加“%(tag)s”标签") % {"age": ELDERLY_AGE, "tag": tag.name})
            elif answer and tag.pk not in current:
                parsed.tags_add.append(tag)
            elif not answer and tag.pk in current:
                parsed.tags_remove.append(tag)
        changes = [f"+{t.name}" for t in parsed.tags_add] + [f"−{t.name}" for t in parsed.tags_remove]
        if changes:
            row.add_change(_("标签：%(tags)s") % {"tags": " ".join(changes)})


def _younger_than(resident, age: int, context: Context) -> bool:
    """独居老人 is for those of 60 and over; an unknown age is not held against the sheet."""
    born = resident.birth_date
    if born is None:
        return False
    today = context.today
    return (today.year - born.year - ((today.month, today.day) < (born.month, born.day))) < age


def write_tags(context: Context, rows: list[SourceRow]) -> None:
    """After the residents are written (every one has its pk)."""
    adds = [
        ResidentTag(community_id=context.community.pk, resident_id=r.data.resident.pk, tag_id=tag.pk)
        for r in rows
        for tag in r.data.tags_add
    ]
    if adds:
        bulk_create_with_history(adds, ResidentTag, default_user=context.actor, default_change_reason="导入")
    for row in rows:
        if row.data.tags_remove:
            for link in ResidentTag.objects.in_community(context.community).filter(
                resident_id=row.data.resident.pk, tag__in=row.data.tags_remove
            ):
                link._history_user = context.actor
                link.delete()
