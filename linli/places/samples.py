"""The demo's sample list of buildings and dwellings (楼栋房屋清册), to try 表格导入 with: a title
over merged cells, a blank row, new buildings and rooms, existing rooms with another use or area,
and a few bad rows (a duplicate, an unknown compound, an area in words)."""

from linli.places.models import Building, Compound, Dwelling

HEADER = ["序号", "小区名称", "楼栋", "单元", "房号", "使用情况", "建筑面积"]


def sample_rows(community) -> list[list]:
    compound = Compound.objects.in_community(community).order_by("pk").first()
    if compound is None:
        return []
    names = set(Building.objects.in_community(community).filter(compound=compound).values_list("name", flat=True))
    number = next(n for n in range(20, 200) if f"{n}栋" not in names and f"{n + 1}栋" not in names)
    new, other = f"{number}栋", f"{number + 1}栋"
    rows: list[list] = [[f"{community.name}楼栋房屋清册（示例）"] + [None] * 6, HEADER, [None] * 7]
    uses = ["自住", "出租", "空置", "自住"]
    for unit in (1, 2):
        for floor in (1, 2):
            for door in (1, 2):
                rows.append(
                    [
                        len(rows) - 2,
                        compound.name,
                        new,
                        f"{unit}单元",
                        f"{floor}0{door}",
                        uses[(floor + door) % 4],
                        78.5 + 10 * door,
                    ]
                )
    rows.append([len(rows) - 2, compound.name, other, None, None, None, None])
    existing = Dwelling.objects.in_community(community).select_related("building", "unit").order_by("pk")[:5]
    for i, dwelling in enumerate(existing):
        rows.append(
            [
                len(rows) - 2,
                compound.name if dwelling.building.compound_id == compound.pk else dwelling.building.compound.name,
                dwelling.building.name,
                dwelling.unit.name if dwelling.unit_id else None,
                f"{dwelling.room}室",
                ["出租", "空置", "自住", "出租", "其他"][i],
                90 + i,
            ]
        )
    rows.append([len(rows) - 2, compound.name, new, "1单元", "101", "自住", None])  # a duplicate
    rows.append([len(rows) - 2, "翠湖苑", "1栋", None, "101", "自住", None])  # not a compound of ours
    rows.append([len(rows) - 2, compound.name, other, None, "301", "出租", "约90平"])
    return rows


def _to_xlsx(rows: list[list], target) -> None:
    """As Excel holds it: the title merged over the columns (places sits below people, whose
    register writer it may not use)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    book.save(target)


def write_samples(ctx) -> None:
    from django.conf import settings

    from linli.tenancy.models import Community

    folder = settings.SAMPLE_REGISTERS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for code in ("xianhu", "xinyuan"):
        community = Community.objects.filter(code=code).first()
        target = folder / f"{community.name}-楼栋房屋清册-示例.xlsx" if community else None
        if target is None or target.exists():
            continue
        rows = sample_rows(community)
        if rows:
            _to_xlsx(rows, target)
    ctx.say(f"Sample buildings and dwellings to import: {folder}")
