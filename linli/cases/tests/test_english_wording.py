"""The English of a button is not the English of a case step that shares its Chinese ("提交")."""

from django.utils import translation


def test_the_intake_button_says_submit_and_the_step_still_says_submitted(client, world):
    from linli.cases.models import CaseEvent

    client.force_login(world.user("resident"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/cases/new/").content.decode()
    assert ">Submit</button>" in page and ">Submitted</button>" not in page
    with translation.override("en"):
        assert str(CaseEvent.Kind.SUBMITTED.label) == "Submitted"
