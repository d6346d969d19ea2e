import datetime as dt

from ninja import Schema
from pydantic import Field

from linli.core.api import Id, Page


class ResidentOut(Schema):
    id: int
    community_id: int
    name: str
    address: str
    status: str
    full: bool = Field(description="False for roles that see names and rooms only (no ID, phone, age)")
    gender: str | None = None
    birth_date: dt.date | None = None
    age: int | None = None
    id_number: str | None = Field(None, description="masked, e.g. 110105********002X")
    phone: str | None = Field(None, description="masked, e.g. 138****5678")
    residence: str | None = None
    dwelling_id: int | None = None
    moved_in_date: dt.date | None = None
    moved_out_date: dt.date | None = None
    tags: list[str] = []
    version: int


class ResidentPage(Schema):
    items: list[ResidentOut]
    page: Page


class ResidentIn(Schema):
    community_id: Id
    name: str = Field(max_length=50)
    id_number: str = Field("", max_length=40)
    phone: str = Field("", max_length=30)
    gender: str = Field("", pattern="^(M|F)?$")
    birth_date: dt.date | None = None
    ethnicity: str = Field("汉族", max_length=20)
    residence: str = Field("registered", pattern="^(registered|permanent|floating)$")
    hukou_area_code: str = Field("", max_length=6)
    hukou_address: str = Field("", max_length=200)
    dwelling_id: Id | None = None
    moved_in_date: dt.date | None = None
    occupation: str = Field("", max_length=100)
    free_time: str = Field("", max_length=100)
    notes: str = Field("", max_length=2000)


class ResidentPatch(Schema):
    version: int = Field(description="the version you read; a stale one is refused with 409")
    name: str | None = Field(None, max_length=50)
    id_number: str | None = Field(None, max_length=40)
    phone: str | None = Field(None, max_length=30)
    gender: str | None = Field(None, pattern="^(M|F)?$")
    birth_date: dt.date | None = None
    ethnicity: str | None = Field(None, max_length=20)
    residence: str | None = Field(None, pattern="^(registered|permanent|floating)$")
    hukou_area_code: str | None = Field(None, max_length=6)
    hukou_address: str | None = Field(None, max_length=200)
    dwelling_id: Id | None = None
    moved_in_date: dt.date | None = None
    occupation: str | None = Field(None, max_length=100)
    free_time: str | None = Field(None, max_length=100)
    notes: str | None = Field(None, max_length=2000)


class SearchIn(Schema):
    q: str = Field("", max_length=50, description="name, pinyin, initials, phone (last 4 or full) or ID number")
    community_id: Id | None = None
    status: str = "active"
    page: int = 1
    page_size: int = 25


class MoveOutIn(Schema):
    date: dt.date
    place: str = Field("", max_length=200)
    reason: str = Field("", max_length=200)
    deceased: bool = False
    version: int | None = None


class RevealIn(Schema):
    field: str = Field(pattern="^(id_number|phone)$")
    reason: str = Field(max_length=200)


class RevealOut(Schema):
    field: str
    value: str


class MemberOut(Schema):
    id: int
    resident_id: int
    name: str
    relation: str
    joined_date: dt.date
    left_date: dt.date | None


class HouseholdOut(Schema):
    id: int
    community_id: int
    number: str
    address: str
    status: str
    member_count: int
    members: list[MemberOut] = []


class HouseholdPage(Schema):
    items: list[HouseholdOut]
    page: Page


class HouseholdIn(Schema):
    community_id: Id
    number: str = Field(max_length=32)
    dwelling_id: Id | None = None
    notes: str = Field("", max_length=2000)


class MemberIn(Schema):
    resident_id: Id
    relation: str
    joined_date: dt.date | None = None
