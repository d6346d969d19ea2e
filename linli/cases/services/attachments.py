"""Photos and documents of a case: checked before anything is saved, stored with their step."""

from django.utils.translation import gettext as _

from linli.cases.models import Attachment, Case, CaseEvent
from linli.cases.services.common import Actor, CaseError, as_user
from linli.core import uploads

MAX_FILES = 9


MAX_FILE_BYTES = uploads.MAX_FILE_BYTES


def sniff_upload(upload) -> tuple[str, str]:
    """(content type, extension) of an uploaded photo or document, or a CaseError naming it."""
    try:
        return uploads.sniff_upload(upload)
    except uploads.UploadError as exc:
        raise CaseError(exc.message, field="files") from None


def _check_files(files) -> list[tuple]:
    if len(files) > MAX_FILES:
        raise CaseError(_("一次最多上传%(n)d个附件。") % {"n": MAX_FILES}, field="files")
    return [(f, *sniff_upload(f)) for f in files]


def _save_files(case: Case, event: CaseEvent | None, checked: list[tuple], actor: Actor | None) -> None:
    for upload, content_type, extension in checked:
        attachment = Attachment(
            community_id=case.community_id,
            case=case,
            event=event,
            name=(getattr(upload, "name", "") or "file")[:200],
            content_type=content_type,
            size=upload.size,
            uploaded_by=as_user(actor),
        )
        attachment.extension = extension
        attachment.file.save("upload" + extension, upload, save=False)
        attachment.save()
