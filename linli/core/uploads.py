"""What an uploaded photo or document really is, by its first bytes (the name and the browser's
type are not trusted): for every module that takes photos or PDFs (cases, volunteering …)."""

from django.utils.translation import gettext as _

from linli.core.errors import DomainError

MAX_FILE_BYTES = 10 * 1024 * 1024
SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"GIF87a", "image/gif", ".gif"),
    (b"GIF89a", "image/gif", ".gif"),
    (b"%PDF-", "application/pdf", ".pdf"),
]


class UploadError(DomainError):
    """A file that is too large, empty, or not a photo or PDF; `field` is "files"."""


def sniff_upload(upload) -> tuple[str, str]:
    """(content type, extension) of an uploaded photo or document, or an UploadError naming it."""
    name = getattr(upload, "name", "") or _("附件")
    if upload.size > MAX_FILE_BYTES:
        raise UploadError(
            _("“%(name)s”有%(mb).1f MB，超过了10 MB。请压缩照片后再上传。")
            % {"name": name, "mb": upload.size / 1048576},
            field="files",
        )
    if upload.size == 0:
        raise UploadError(_("“%(name)s”是空文件。") % {"name": name}, field="files")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp", ".webp"
    raise UploadError(
        _("“%(name)s”不是照片或PDF文件（只收JPG、PNG、GIF、WEBP照片和PDF）。") % {"name": name}, field="files"
    )
