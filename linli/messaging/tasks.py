"""The task that sends deliveries (ids only: the addresses and texts are read from the rows)."""

from django_tasks import task

from linli.messaging import delivery


@task()
def deliver(delivery_ids: list[int]) -> None:
    for delivery_id in delivery_ids:
        delivery.attempt(delivery_id)
