"""Importing a 100,000-row household register (30 columns, 5% bad rows) and exporting 100,000
residents, with the hand-written floors timed in the same run.

    scripts/with_postgres.sh .venv/bin/python benchmarks/imports.py --rows 100000
    DATABASE_URL= .venv/bin/python benchmarks/imports.py --rows 100000

Each phase runs in its own process so that its peak memory (ru_maxrss) is its own:
  upload  - sniff, unpack-check, find the header (what the upload page does)
  check   - the dry run: every row parsed, validated, matched; nothing written
  commit  - the same with writing, in one transaction (good-rows mode: the 5% are returned)
  floor   - the rows the commit wrote, read back, deleted and written again in a rolled-back
            transaction: once with Django's bulk_create, once with COPY (PostgreSQL) or
            executemany (SQLite)
  export  - the 100,000 residents to xlsx and to csv, masked, as the export view does
Without DATABASE_URL the SQLite database is var/bench/import.sqlite3, made afresh each run."""

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = ROOT / "var" / "bench"
CODE = "bench-import"


def setup() -> None:
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'import.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("LINLI_VAR_DIR", str(WORK / "var"))
    import django

    django.setup()
    from django.conf import settings

    from linli.core import crypto

    crypto.keyring()  # the demo's generated keys, loaded while DEBUG still allows it
    settings.DEBUG = False  # no query log: measure what production runs


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# Phases (each in a child process) -----------------------------------------------------------------


def phase_prepare(rows: int) -> dict:
    """A fresh community with 9,600 dwellings, its secretary, and the register file."""
    from django.core.management import call_command

    from linli.people.sample_register import community_places, register_rows, to_xlsx
    from linli.places.models import Building, Compound, Dwelling, Unit
    from linli.tenancy.models import Community, Membership, Region
    from linli.tenancy.permissions import Role

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    street = Region.objects.create(name="基准街道", level=Region.Level.STREET)
    community = Community.objects.create(code=CODE, name="基准社区", street=street)
    user = get_user_model().objects.create_user("bench-secretary", password="bench-pass-2026-x")
    Membership.objects.create(user=user, community=community, role=Role.SECRETARY)
    for c in range(10):
        compound = Compound.objects.create(community=community, name=f"基准花园{c + 1}期")
        buildings = Building.objects.bulk_create(
            Building(community=community, compound=compound, name=f"{b + 1}栋") for b in range(10)
        )
        units = Unit.objects.bulk_create(
            Unit(community=community, building=b, name=f"{u + 1}单元") for b in buildings for u in range(4)
        )
        Dwelling.objects.bulk_create(
            Dwelling(community=community, building_id=u.building_id, unit=u, room=f"{f + 1}0{r + 1}")
            for u in units
            for f in range(12)
            for r in range(2)
        )
    places = community_places(community)
    target = WORK / f"register-{rows}.xlsx"
    started = time.perf_counter()
    to_xlsx(register_rows(community="基准社区", places=places, rows=rows, seed=11, bad_share=0.05), target,
            merge_title=False)  # fmt: skip
    return {"file": str(target), "bytes": target.stat().st_size, "generate_s": time.perf_counter() - started,
            "dwellings": len(places)}  # fmt: skip


def _actor_and_community():
    from django.contrib.auth import get_user_model

    from linli.tenancy.models import Community

    return get_user_model().objects.get(username="bench-secretary"), Community.objects.get(code=CODE)


def phase_upload(path: str) -> dict:
    from linli.core import imports
    from linli.core.models import ImportJob

    actor, community = _actor_and_community()
    data = Path(path).read_bytes()
    started = time.perf_counter()
    job = imports.import_upload(
        actor=actor, community=community, kind="people", file_name=Path(path).name, data=data, run_now=True
    )
    seconds = time.perf_counter() - started
    imports.import_set_mapping(actor=actor, job=job, mapping=job.mapping, mode=ImportJob.Mode.GOOD_ROWS, options={})
    return {"job": job.pk, "seconds": seconds, "mapped": len(job.mapping)}


def phase_run(job_id: int, phase: str) -> dict:
    from linli.core import imports
    from linli.core.models import ImportJob

    job = ImportJob.objects.unscoped().get(pk=job_id)
    actor, _community = _actor_and_community()
    started = time.perf_counter()
    imports.import_start(actor=actor, job=job, phase=phase, run_now=True)
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    return {"seconds": seconds, "status": job.status, "counts": job.counts, "message": job.message}


def _written_tables():
    """Every table the commit wrote, with its rows for the bench community, in insert order."""
    from linli.people.models import Household, HouseholdMember, Move, Resident, ResidentNameKey

    _actor, community = _actor_and_community()
    residents = Resident.objects.in_community(community)
    households = Household.objects.in_community(community)
    members = HouseholdMember.objects.in_community(community)
    return community, [
        (Resident, residents),
        (Resident.history.model, Resident.history.model.objects.filter(community=community)),
        (ResidentNameKey, ResidentNameKey.objects.in_community(community)),
        (Move, Move.objects.in_community(community)),
        (Household, households),
        (Household.history.model, Household.history.model.objects.filter(community=community)),
        (HouseholdMember, members),
        (HouseholdMember.history.model, HouseholdMember.history.model.objects.filter(community=community)),
    ]


def phase_floor() -> dict:
    from django.db import connection, transaction

    community, tables = _written_tables()
    loaded = [(model, list(queryset.order_by("pk"))) for model, queryset in tables]
    total = sum(len(rows) for _m, rows in loaded)

    def delete_all():  # plain DELETEs: Django's collector would spend minutes on a million rows
        for model, _rows in reversed(loaded):
            model._base_manager.filter(community=community)._raw_delete(connection.alias)

    class Rollback(Exception):
        pass

    def check_deferred_keys():
        """The foreign keys are checked at COMMIT, which the commit pays and a rolled-back run would
        not: make PostgreSQL check them now, inside the timing. (SQLite checks as rows arrive.)"""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    results = {"rows": total, "tables": {m._meta.db_table: len(r) for m, r in loaded}}
    try:
        with transaction.atomic():
            delete_all()
            started = time.perf_counter()
            for model, rows in loaded:
                model._base_manager.bulk_create(rows, batch_size=1000)
            check_deferred_keys()
            results["bulk_create_s"] = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    prepared = []  # the same rows in database form, made before the clock starts: the floor is the insert
    for model, rows in loaded:
        fields = model._meta.concrete_fields
        values = [tuple(f.get_db_prep_save(getattr(o, f.attname), connection) for f in fields) for o in rows]
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        prepared.append((table, columns, len(fields), values))
    try:
        with transaction.atomic():
            delete_all()
            started = time.perf_counter()
            with connection.cursor() as cursor:
                for table, columns, width, values in prepared:
                    if connection.vendor == "postgresql":
                        with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                            for row in values:
                                copy.write_row(row)
                    else:
                        marks = ", ".join(["%s"] * width)
                        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)
            check_deferred_keys()
            results["raw_s"] = time.perf_counter() - started
            results["raw_method"] = "COPY" if connection.vendor == "postgresql" else "executemany"
            raise Rollback
    except Rollback:
        pass
    return results


def phase_export(fmt: str) -> dict:
    import tempfile

    from linli.core.exports import write_file
    from linli.people import exports, selectors

    actor, community = _actor_and_community()
    started = time.perf_counter()
    headers, rows = exports.resident_export(
        actor=actor, filters=selectors.ResidentFilters(community_id=community.pk, status=""), unmasked=False
    )
    count = 0

    def counted():
        nonlocal count
        for row in rows:
            count += 1
            yield row

    with tempfile.NamedTemporaryFile(suffix=f".{fmt}") as out:
        write_file(out.name, title="居民名单", fmt=fmt, headers=headers, rows=counted())
        size = Path(out.name).stat().st_size
    return {"seconds": time.perf_counter() - started, "rows": count, "bytes": size}


# Orchestration ------------------------------------------------------------------------------------


def child(*args) -> dict:
    env = dict(os.environ)
    output = subprocess.run(
        [sys.executable, __file__, "--child", *map(str, args)], env=env, capture_output=True, text=True, check=False
    )
    if output.returncode:
        sys.exit(f"phase {args} failed:\n{output.stdout}\n{output.stderr}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    if args.child:
        setup()
        name, *rest = args.child
        result = {
            "prepare": lambda: phase_prepare(int(rest[0])),
            "upload": lambda: phase_upload(rest[0]),
            "run": lambda: phase_run(int(rest[0]), rest[1]),
            "floor": phase_floor,
            "export": lambda: phase_export(rest[0]),
        }[name]()
        result["peak_mb"] = peak_mb()
        print(json.dumps(result, ensure_ascii=False))
        return
    if not os.environ.get("DATABASE_URL"):
        (WORK / "import.sqlite3").unlink(missing_ok=True)
    prepared = child("prepare", args.rows)
    print(f"register: {args.rows:,} rows × 30 columns, {prepared['bytes'] / 1e6:.1f} MB xlsx, "
          f"{prepared['dwellings']:,} dwellings (generated in {prepared['generate_s']:.0f}s)")  # fmt: skip
    upload = child("upload", prepared["file"])
    print(f"upload (sniff, unpack check, header): {upload['seconds']:.1f}s, peak {upload['peak_mb']:.0f} MB")
    check = child("run", upload["job"], "check")
    print(f"check (dry run): {check['seconds']:.1f}s, peak {check['peak_mb']:.0f} MB, {check['counts']}")
    commit = child("run", upload["job"], "commit")
    print(f"commit: {commit['seconds']:.1f}s, peak {commit['peak_mb']:.0f} MB, {commit['status']} {commit['counts']}")
    floor = child("floor")
    print(f"the same {floor['rows']:,} rows written by bulk_create: {floor['bulk_create_s']:.1f}s; "
          f"by {floor['raw_method']}: {floor['raw_s']:.1f}s  ({floor['tables']})")  # fmt: skip
    print(f"commit ÷ bulk_create = {commit['seconds'] / floor['bulk_create_s']:.2f}; "
          f"commit ÷ {floor['raw_method']} = {commit['seconds'] / floor['raw_s']:.2f}")  # fmt: skip
    for fmt in ("xlsx", "csv"):
        export = child("export", fmt)
        print(f"export {export['rows']:,} residents to {fmt}: {export['seconds']:.1f}s, "
              f"{export['bytes'] / 1e6:.1f} MB, peak {export['peak_mb']:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
