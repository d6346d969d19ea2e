"""Console pages of the import engine: upload, confirm the columns, watch the check, read the
preview row by row, commit, fetch the rejected rows. Every module's import goes through these."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from linli.core import events, imports, jobs
from linli.core.audit import access_log_write
from linli.core.errors import DomainError
from linli.core.exports import export_file_name
from linli.core.imports import selectors
from linli.core.models import AccessLog, ImportJob, ImportRow
from linli.core.permissions import IMPORT_DATA
from linli.core.scoping import scope_for
from linli.core.sheets.write import XLSX_TYPE, template_sheets, xlsx_file
from linli.core.ui import paginate, render_list, run_action
from linli.tenancy.community import community_with
from linli.tenancy.models import Community

OUTCOME_FILTERS = [("", gettext_lazy("全部"))] + list(ImportRow.Outcome.choices)


def _community(request: HttpRequest) -> Community:
    community, _scope = community_with(request, IMPORT_DATA)
    return community


def _job(request: HttpRequest, pk: int) -> ImportJob:
    community = _community(request)
    return selectors.get_job_for(request.user, community_id=community.pk, pk=pk)


def _importer(kind: str, request: HttpRequest | None = None, community: Community | None = None) -> imports.Importer:
    """The importer of a kind; with a request, one this user may use here (else 404, like any other)."""
    try:
        importer = imports.importer_for(kind)
    except DomainError:
        raise Http404 from None
    if request is not None and community is not None and not importer.allowed(scope_for(request.user), community.pk):
        raise Http404
    return importer


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("表格文件"),
        help_text=gettext_lazy("Excel（.xlsx、.xls）或 CSV；表头可以在标题行下面。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv,.txt"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("文件太大（%(size)s MB）：一次最多 %(limit)s MB，请拆成几个文件分别导入。")
                % {"size": upload.size // (1 << 20), "limit": limit // (1 << 20)}
            )
        return upload


class MappingForm(forms.Form):
    """One select per column the import knows, listing the sheet's columns."""

    mode = forms.ChoiceField(label=gettext_lazy("有错误行时"), choices=ImportJob.Mode.choices, widget=forms.RadioSelect)

    def __init__(self, *args, job: ImportJob, importer, **kwargs):
        super().__init__(*args, **kwargs)
        unnamed = _("（无列名）")
        choices = [("", _("（不导入）"))] + [
            (str(i), _("%(letter)s列 · %(name)s") % {"letter": imports.column_letter(i), "name": text or unnamed})
            for i, text in enumerate(job.header)
        ]
        self.keys = []
        for column in importer.spec.columns:
            name = f"col_{column.key}"
            self.fields[name] = forms.ChoiceField(
                label=column.label, choices=choices, required=column.required, help_text=column.help
            )
            self.keys.append(column.key)
            index = job.mapping.get(column.key)
            self.initial[name] = "" if index is None else str(index)
        for option, label in importer.options.items():
            self.fields[f"opt_{option}"] = forms.BooleanField(label=label, required=False)
            self.initial[f"opt_{option}"] = bool(job.options.get(option))
        self.initial["mode"] = job.mode
        self.importer = importer

    def column_fields(self):
        return [self[f"col_{k}"] for k in self.keys]

    def option_fields(self):
        return [self[f"opt_{o}"] for o in self.importer.options]

    def mapping(self) -> dict[str, int | None]:
        return {k: int(v) if (v := self.cleaned_data.get(f"col_{k}")) not in (None, "") else None for k in self.keys}

    def options(self) -> dict:
        return {o: self.cleaned_data.get(f"opt_{o}") for o in self.importer.options}


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    community = _community(request)
    page = paginate(request, selectors.job_list(actor=request.user, community_id=community.pk))
    scope = scope_for(request.user)
    usable = [i for i in imports.importers() if i.allowed(scope, community.pk)]
    kinds = [(i.kind, i.title, i.blurb) for i in usable]
    titles = {i.kind: i.title for i in imports.importers()}
    return render(request, "console/imports/job_list.html", {"page": page, "kinds": kinds, "titles": titles})


@login_required
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    importer = _importer(kind, request, _community(request))
    spool = xlsx_file(template_sheets(importer.spec, imports.intro_for(importer)))
    response = HttpResponse(spool.read(), content_type=XLSX_TYPE)
    name = f"{importer.spec.title}-导入模板.xlsx"
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@login_required
def job_create(request: HttpRequest, kind: str) -> HttpResponse:
    community = _community(request)
    importer = _importer(kind, request, community)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = imports.import_upload(
                actor=request.user, community=community, kind=kind, file_name=upload.name, data=upload.read()
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("imports:job_detail", pk=job.pk)
    return render(request, "console/imports/job_create.html", {"form": form, "importer": importer})


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    importer = _importer(job.kind)
    form = None
    if job.status == ImportJob.Status.MAPPING:
        form = MappingForm(request.POST or None, job=job, importer=importer)
        if request.method == "POST" and form.is_valid():
            try:
                imports.import_set_mapping(
                    actor=request.user, job=job, mapping=form.mapping(), mode=form.cleaned_data["mode"],
                    options=form.options(),
                )  # fmt: skip
                imports.import_start(actor=request.user, job=job, phase="check")
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("imports:job_detail", pk=job.pk)
    outcome = request.GET.get("outcome", "")
    rows = selectors.job_rows(job, outcome=outcome)
    context = {
        "job": job,
        "importer": importer,
        "form": form,
        "page": paginate(request, rows, per_page=50),
        "outcome": outcome,
        "outcomes": [(value, label, _tab_count(job, value)) for value, label in OUTCOME_FILTERS],
        "unused_columns": [
            text or imports.column_letter(i) for i, text in enumerate(job.header) if i not in set(job.mapping.values())
        ],
        "progress": imports.progress(job) if job.busy else {},
        "stalled": imports.is_stalled(job),
        "can_rerun": jobs.can_rerun(job),
        "earlier": list(imports.earlier_imports(job)[:1]),
        "mode_help": imports.MODE_HELP,
        "can_commit": job.status == ImportJob.Status.CHECKED
        and not (job.mode == ImportJob.Mode.ALL_OR_NOTHING and job.counts.get("error")),
        "timeline": events.timeline("import_job", job.pk),
    }
    return render_list(request, "console/imports/job_detail.html", context)


def _tab_count(job: ImportJob, outcome: str):
    counts = job.counts or {}
    return counts.get("read") if not outcome else counts.get(outcome)


@login_required
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if not job.busy:
        response = HttpResponse("")
        response["HX-Refresh"] = "true"  # finished: htmx reloads the page with the results
        return response
    return render(request, "console/imports/job_detail.html#progress", {"job": job, "progress": imports.progress(job)})


@login_required
@require_POST
def job_commit(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    run_action(request, lambda: imports.import_start(actor=request.user, job=job, phase="commit"), _("已开始导入。"))
    return redirect("imports:job_detail", pk=job.pk)


@login_required
@require_POST
def job_remap(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    run_action(request, lambda: imports.import_remap(actor=request.user, job=job), _("请重新确认各列。"))
    return redirect("imports:job_detail", pk=job.pk)


@login_required
@require_POST
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    done = _("已取消这次导入，上传的文件已删除。")
    run_action(request, lambda: imports.import_cancel(actor=request.user, job=job), done)
    return redirect("imports:job_list")


@login_required
@require_POST
def job_rerun(request: HttpRequest, pk: int) -> HttpResponse:
    """An interrupted (or failed) run again, from the kept upload."""
    job = _job(request, pk)
    run_action(request, lambda: jobs.import_rerun(actor=request.user, job=job), _("已重新开始。"))
    return redirect("imports:job_detail", pk=job.pk)


@login_required
def job_rejected(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        data = imports.rejected_workbook(job)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("imports:job_detail", pk=job.pk)
    # The rejected rows hold the numbers as typed: fetching them is an export of personal data, within
    # the reveal budget (core/reveal_budget.py; past it the refusal is logged and nothing is sent).
    try:
        access_log_write(
            actor=request.user,
            action=AccessLog.Action.EXPORT,
            community_id=job.community_id,
            subject_type="import_rejected",
            subject_id=job.pk,
            fields=["rejected_rows"],
            reason=_("取回导入退回的行以便修改"),
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("imports:job_detail", pk=job.pk)
    response = HttpResponse(data, content_type=XLSX_TYPE)
    name = export_file_name(_("退回的行") + "-" + job.file_name.rsplit(".", 1)[0], "xlsx")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    response["Cache-Control"] = "no-store"
    return response
