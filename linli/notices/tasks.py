"""The task that writes a published notice's recipient rows and sends its messages (an id only)."""

from django_tasks import task

from linli.notices import fanout


@task()
def fan_out(notice_id: int) -> None:
    fanout.fan_out(notice_id)
