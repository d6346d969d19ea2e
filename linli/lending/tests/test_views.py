"""The desk, the catalogue pages and the resident's page as people use them."""

from django.test import Client
from django.urls import reverse

from linli.lending.models import Copy, Kind, Loan, Title


def client_as(world, role) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def test_the_desk_finds_a_reader_by_card_lends_and_takes_back(world, lw):
    client = client_as(world, "worker")
    Copy.objects.create(community=world.a, title=Title.objects.create(community=world.a, title="围城"), barcode="Q1")
    response = client.get(reverse("lending:desk"), {"who": "a00001"})
    assert response.status_code == 302 and f"reader={world.wang.pk}" in response["Location"]
    response = client.post(
        reverse("lending:desk"), {"action": "lend", "barcode": "q1", "reader": world.wang.pk}, follow=True
    )
    assert "已借出：《围城》" in response.content.decode()
    response = client.post(reverse("lending:desk"), {"action": "return", "barcode": "Q1"}, follow=True)
    assert "已归还：《围城》" in response.content.decode()
    assert Copy.objects.in_community(world.a).get(barcode="Q1").status == Copy.Status.AVAILABLE


def test_a_refusal_at_the_desk_is_shown_and_nothing_changes(world, lw):
    client = client_as(world, "worker")
    before = Loan.objects.in_community(world.a).count()
    response = client.post(
        reverse("lending:desk"), {"action": "lend", "barcode": "T000001", "reader": world.zhang.pk}, follow=True
    )
    assert "已借出，还没有归还" in response.content.decode()
    assert Loan.objects.in_community(world.a).count() == before


def test_the_desk_search_by_name_lists_the_residents(world, lw):
    response = client_as(world, "worker").get(reverse("lending:reader_search"), {"who": "张"})
    assert "张三" in response.content.decode() and "王芳" not in response.content.decode()


def test_a_book_entered_by_isbn_10_is_kept_as_isbn_13_with_its_copies(world):
    response = client_as(world, "worker").post(
        reverse("lending:title_create"),
        {
            "kind": Kind.BOOK,
            "isbn": "7-101-00304-4",
            "title": "史记",
            "author": "司马迁",
            "copies": 2,
            "shelf_mark": "C-01",
        },
    )
    title = Title.objects.in_community(world.a).get(title="史记")
    assert response.status_code == 302 and title.isbn == "9787101003048"
    assert Copy.objects.in_community(world.a).filter(title=title, shelf_mark="C-01").count() == 2


def test_a_wrong_check_digit_is_shown_on_the_form_and_nothing_is_saved(world):
    response = client_as(world, "worker").post(
        reverse("lending:title_create"), {"kind": Kind.BOOK, "isbn": "7-101-00304-5", "title": "史记", "copies": 1}
    )
    assert "校验位不对：应为 4" in response.content.decode()
    assert not Title.objects.in_community(world.a).filter(title="史记").exists()


def test_the_isbn_box_says_a_known_book_is_in_the_catalogue(world, lw):
    response = client_as(world, "worker").get(reverse("lending:isbn_check"), {"isbn": "978-7-02-000220-7"})
    assert "已在书目中" in response.content.decode() and "红楼梦" in response.content.decode()


def test_the_overdue_list_is_sorted_by_lateness(world, lw):
    import datetime as dt

    from django.utils import timezone

    book = Title.objects.create(community=world.a, title="很晚的书")
    copy = Copy.objects.create(community=world.a, title=book, barcode="L1", status="on_loan")
    Loan.objects.create(
        community=world.a,
        copy=copy,
        title=book,
        resident=world.wang,
        due_date=timezone.localdate() - dt.timedelta(days=40),
    )
    body = client_as(world, "worker").get(reverse("lending:loans"), {"state": "overdue"}).content.decode()
    assert body.index("很晚的书") < body.index("折叠雨伞") and "40 天" in body


def test_the_resident_sees_her_loans_and_holds_not_others(world, lw):
    body = client_as(world, "resident").get(reverse("lending:me")).content.decode()
    assert "红楼梦" in body and "折叠雨伞" in body  # her loan; her hold on the umbrella
    assert "张三" not in body


def test_a_resident_queues_for_a_title_whose_copies_are_out(world, lw):
    Loan.objects.in_community(world.a).filter(pk=lw.loan.pk).update(resident=world.zhang)
    response = client_as(world, "resident").post(reverse("lending:hold_place", args=[lw.book.pk]), follow=True)
    assert "已预约" in response.content.decode()


def test_a_supervisor_sees_the_figures_of_a_community_below_only(world, lw):
    client = client_as(world, "supervisor")
    assert client.get(reverse("lending:figures"), {"community": world.a.pk}).status_code == 200
    assert client.get(reverse("lending:desk")).status_code == 404
    assert client.get(reverse("lending:loans")).status_code == 404
