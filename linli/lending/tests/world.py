"""lending's part of the test world (core/tests/world.py calls add_lending): in community A a book
with two copies — one lent to 王芳 (the resident account), the other marked damaged — so the book is
out and 张三 queues for it; an umbrella of the 百宝屋; 王芳's reader's card A00001."""

from dataclasses import dataclass

from linli.lending.models import Copy, Hold, Kind, Loan, ReaderCard, Title


@dataclass
class LendingWorld:
    book: object  # 《红楼梦》 (ISBN 9787020002207), all copies out or damaged
    copy: object  # T000001, lent to 王芳
    spare: object  # T000002, damaged
    loan: object  # 王芳's open loan of T000001
    hold: object  # 王芳 waits for the umbrella (its one piece is out, overdue, with 张三)
    queue: object  # 张三 waits for 《红楼梦》
    umbrella: object  # 折叠雨伞 of the 百宝屋, one piece W000001
    card: object  # 王芳's card A00001


def add_lending(world) -> LendingWorld:
    import datetime as dt

    from django.utils import timezone

    a = world.a
    book = Title.objects.create(
        community=a,
        kind=Kind.BOOK,
        isbn="9787020002207",
        title="红楼梦",
        author="曹雪芹",
        publisher="人民文学出版社",
        year=1982,
    )
    copy = Copy.objects.create(
        community=a, title=book, barcode="T000001", shelf_mark="B-01-1", status=Copy.Status.ON_LOAN
    )
    spare = Copy.objects.create(community=a, title=book, barcode="T000002", status=Copy.Status.DAMAGED)
    loan = Loan.objects.create(
        community=a, copy=copy, title=book, resident=world.wang, due_date=timezone.localdate() + dt.timedelta(days=20)
    )
    umbrella = Title.objects.create(community=a, kind=Kind.THING, title="折叠雨伞", deposit_fen=0)
    out = Copy.objects.create(community=a, title=umbrella, barcode="W000001", status=Copy.Status.ON_LOAN)
    Loan.objects.create(
        community=a,
        copy=out,
        title=umbrella,
        resident=world.zhang,
        due_date=timezone.localdate() - dt.timedelta(days=3),
    )
    queue = Hold.objects.create(community=a, title=book, resident=world.zhang)
    hold = Hold.objects.create(community=a, title=umbrella, resident=world.wang)
    card = ReaderCard.objects.create(community=a, resident=world.wang, number="A00001")
    return LendingWorld(book, copy, spare, loan, hold, queue, umbrella, card)
