import base64

from django.core.management import call_command

from linli.core import crypto
from linli.people.models import Household, Resident
from linli.people.services import resident_pii


def test_rotate_field_keys_re_encrypts_under_the_new_key(world, settings, capsys):
    new = "n2:aes-256-gcm:" + base64.b64encode(b"n" * 32).decode()
    settings.FIELD_KEYS = f"{new},{settings.FIELD_KEYS}"
    crypto.keyring.cache_clear()
    try:
        call_command("rotate_field_keys")
        wang = Resident.objects.unscoped().get(pk=world.wang.pk)
        assert wang.id_number_enc.startswith("n2:") and resident_pii(wang, "id_number") == "11010519491231002X"
        call_command("rotate_field_keys", "--dry-run")
        assert "would re-encrypt 0 residents" in capsys.readouterr().out
    finally:
        crypto.keyring.cache_clear()


def test_generate_population_builds_valid_households(db):
    call_command("generate_population", communities=2, residents=600, prefix="t")
    residents = Resident.objects.unscoped().filter(community__code__startswith="t-")
    assert 600 <= residents.count() < 610
    assert Household.objects.unscoped().count() > 150
    sample = residents.order_by("?").first()
    from linli.core.identity import parse_id_number

    assert parse_id_number(resident_pii(sample, "id_number")).birth_date == sample.birth_date


def test_seed_demo_twice_changes_nothing(db):
    call_command("seed_demo", scale=0.05, i_know_this_is_a_demo=True)
    count = Resident.objects.unscoped().count()
    call_command("seed_demo", scale=0.05, i_know_this_is_a_demo=True)
    assert Resident.objects.unscoped().count() == count > 200


def test_seed_demo_leaves_sample_registers_that_import(db, settings, capsys):
    settings.SAMPLE_REGISTERS_DIR = settings.IMPORT_ROOT / "samples"
    call_command("seed_demo", scale=0.05, i_know_this_is_a_demo=True)
    files = sorted(p.name for p in settings.SAMPLE_REGISTERS_DIR.iterdir())
    registers = [f for f in files if "人口信息登记表" in f]
    assert len(registers) == 4 and any(f.endswith("GBK.csv") for f in registers)
    for kind in ("楼栋房屋清册", "党员名册", "志愿者花名册"):  # one sample per new import, per community
        assert len([f for f in files if kind in f]) == 2, (kind, files)
    sample = next(settings.SAMPLE_REGISTERS_DIR.glob("仙湖*人口信息登记表*.xlsx"))
    call_command("import_people", str(sample), "--community", "xianhu", "--dry-run", "--rejected", str(sample) + ".r")
    out = capsys.readouterr().out
    assert "读取 200 行" in out and "错误 0" not in out


def test_seed_demo_leaves_a_sample_of_each_new_import_that_checks(db, settings):
    """Each sample imports on the engine: some rows written, its few bad rows explained."""
    from django.contrib.auth import get_user_model

    from linli.core import imports
    from linli.core.models import ImportJob
    from linli.tenancy.models import Community

    settings.SAMPLE_REGISTERS_DIR = settings.IMPORT_ROOT / "samples"
    call_command("seed_demo", scale=0.05, i_know_this_is_a_demo=True)
    secretary = get_user_model().objects.get(username="xianhu.secretary")
    community = Community.objects.get(code="xianhu")
    for kind, pattern, bad in (("places", "仙湖*楼栋房屋*", 4), ("party_roll", "仙湖*党员名册*", 4),
                               ("volunteers", "仙湖*志愿者*", 4)):  # fmt: skip
        path = next(settings.SAMPLE_REGISTERS_DIR.glob(pattern))
        job = imports.import_upload(actor=secretary, community=community, kind=kind, file_name=path.name,
                                    data=path.read_bytes())  # fmt: skip
        imports.import_set_mapping(actor=secretary, job=job, mapping=job.mapping, mode="good", options={})
        imports.import_start(actor=secretary, job=job, phase="check")
        job.refresh_from_db()
        assert job.status == ImportJob.Status.CHECKED, (kind, job.message)
        assert job.counts["error"] == bad and job.counts["create"] >= 5, (kind, job.counts)
