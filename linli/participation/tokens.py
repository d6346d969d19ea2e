"""The check-in code a resident shows on the phone: his registration, signed (not guessable, not
editable), naming the community and the offering so that a code shown at the wrong door is refused
by name ("this is the code of another event") rather than as garbage."""

from dataclasses import dataclass

from django.core import signing

SALT = "linli.participation.checkin"


@dataclass(frozen=True)
class Code:
    community_id: int
    offering_id: int
    registration_id: int


def code_for(registration) -> str:
    value = f"{registration.community_id}.{registration.offering_id}.{registration.pk}"
    return "LL1:" + signing.Signer(salt=SALT).sign(value)


def read_code(text: str) -> Code | None:
    """The code's parts, or None when it is not one of ours (or was altered)."""
    text = (text or "").strip()
    if not text.startswith("LL1:"):
        return None
    try:
        value = signing.Signer(salt=SALT).unsign(text[4:])
        community_id, offering_id, registration_id = (int(p) for p in value.split("."))
    except (signing.BadSignature, ValueError):
        return None
    return Code(community_id, offering_id, registration_id)
