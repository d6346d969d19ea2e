"""core's declaration: the platform-wide permission codes (personal data, spreadsheets, statistics)."""

from django.utils.translation import gettext_lazy as _

from linli.core import modules
from linli.core import permissions as p

SECRETARY, WORKER, GRID_WORKER, SUPERVISOR, PARTY_SECRETARY = (
    "secretary",
    "worker",
    "grid_worker",
    "supervisor",
    "party_secretary",
)  # fmt: skip  (tenancy's Role values; core names no app)


def _sweep_imports() -> None:
    from linli.core import jobs

    jobs.sweep_interrupted()


MODULE = modules.register(
    modules.Module(
        label="core",
        verbose_name=_("平台"),
        permissions=(
            modules.Permission(p.REVEAL_PII, _("查看完整身份证号、电话（须填写事由，记入访问日志）")),
            modules.Permission(p.EXPORT_UNMASKED, _("导出不打码的表格")),
            modules.Permission(p.VIEW_STATS, _("查看统计数字")),
            modules.Permission(p.IMPORT_DATA, _("从表格导入登记信息")),
            modules.Permission(p.EXPORT_DATA, _("把列表导出为表格（默认打码）")),
            modules.Permission(p.VIEW_PARTY, _("看到谁是党员（政治面貌属敏感信息）")),
        ),
        grants=modules.grants_by_code(
            {
                p.REVEAL_PII: {SECRETARY, WORKER, GRID_WORKER},
                p.EXPORT_UNMASKED: {SECRETARY},
                p.VIEW_STATS: {SECRETARY, WORKER, SUPERVISOR},
                p.IMPORT_DATA: {SECRETARY, WORKER},
                p.EXPORT_DATA: {SECRETARY, WORKER, GRID_WORKER},
                p.VIEW_PARTY: {SECRETARY, WORKER, PARTY_SECRETARY},
            }
        ),
        periodic=(
            modules.PeriodicJob("sweep_interrupted_imports", _sweep_imports),
            modules.command_job("prune_imports", daily=True),
        ),
        event_kinds={
            "otp_enabled": _("开启了二次验证"),
            "otp_disabled": _("关闭了二次验证"),
            "otp_removed": _("管理员删除了二次验证设备"),
            "token_issued": _("新建了API令牌"),
            "token_revoked": _("吊销了API令牌"),
            "password_changed": _("修改了密码"),
            "password_reset": _("重设了密码"),
            "import_remapped": _("重新对应了表格列"),
            "import_cancelled": _("取消了这次导入"),
            "import_rerun": _("重新运行了这次导入"),
        },
    )
)
