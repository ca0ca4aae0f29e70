"""The HubSpot CRM v3 bodies we send and the parts of the answers we read.

Hand-written from HubSpot's published facts (docs/crm.md); HubSpot's OpenAPI files are not
licensed for reuse. Field names are HubSpot's (camelCase).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

#: Inputs HubSpot takes in one batch request.
MAX_INPUTS = 100
#: Values of one IN filter / results of one search page we ask for.
MAX_SEARCH = 100

Properties = dict[str, str]


class Body(BaseModel):
    """A request body: frozen, exactly the fields HubSpot documents."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class UpsertInput(Body):
    """One contact of a batch upsert, keyed by `idProperty` (email)."""

    id: str
    idProperty: str
    properties: Properties


class BatchUpsert(Body):
    """`POST /crm/v3/objects/contacts/batch/upsert`."""

    inputs: list[UpsertInput] = Field(min_length=1, max_length=MAX_INPUTS)


class AssociationType(Body):
    """Which association: category and type id (194 = call -> contact)."""

    associationCategory: Literal["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED"]
    associationTypeId: int


class ObjectId(Body):
    """An object by its HubSpot id."""

    id: str


class Association(Body):
    """An association spec of a create body."""

    to: ObjectId
    types: list[AssociationType] = Field(min_length=1)


class CreateInput(Body):
    """`SimplePublicObjectInputForCreate`: both fields required (`[]` for no associations)."""

    properties: Properties
    associations: list[Association]


class BatchCreate(Body):
    """`POST /crm/v3/objects/{type}/batch/create`."""

    inputs: list[CreateInput] = Field(min_length=1, max_length=MAX_INPUTS)


class UpdateInput(Body):
    """One object of a batch update, by HubSpot id."""

    id: str
    properties: Properties


class BatchUpdate(Body):
    """`POST /crm/v3/objects/{type}/batch/update`."""

    inputs: list[UpdateInput] = Field(min_length=1, max_length=MAX_INPUTS)


class BatchArchive(Body):
    """`POST /crm/v3/objects/{type}/batch/archive`."""

    inputs: list[ObjectId] = Field(min_length=1, max_length=MAX_INPUTS)


class Filter(Body):
    """One search filter (`EQ` and `GTE` take `value`, `IN` takes `values`)."""

    propertyName: str
    operator: Literal["EQ", "IN", "GTE"]
    value: str | None = None
    values: list[str] | None = Field(default=None, max_length=MAX_SEARCH)


class FilterGroup(Body):
    """Filters ANDed; groups are ORed."""

    filters: list[Filter] = Field(min_length=1)


class Search(Body):
    """`POST /crm/v3/objects/{type}/search`."""

    filterGroups: list[FilterGroup] = Field(min_length=1, max_length=5)
    properties: list[str]
    limit: int = Field(ge=1, le=200)
    after: str | None = None


class GdprDelete(Body):
    """`POST /crm/v3/objects/contacts/gdpr-delete` (by id, or by `idProperty` = email)."""

    objectId: str
    idProperty: str | None = None


class Reply(BaseModel):
    """Part of an answer: fields we do not read are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class HsObject(Reply):
    """An object in an answer (`new` only in upsert answers)."""

    id: str
    properties: dict[str, str | None] = {}
    new: bool | None = None


class BatchError(Reply):
    """One failed input of a 207 multi-status answer."""

    category: str = ""
    message: str = ""
    context: dict[str, list[str]] = {}


class BatchReply(Reply):
    """200/201/207 answer of a batch endpoint."""

    results: list[HsObject] = []
    errors: list[BatchError] = []


class Next(Reply):
    """The cursor of the next page."""

    after: str


class Paging(Reply):
    """Paging of a search answer."""

    next: Next | None = None


class SearchReply(Reply):
    """Answer of a search."""

    total: int = 0
    results: list[HsObject] = []
    paging: Paging | None = None


class ErrorReply(Reply):
    """HubSpot's error body (429 adds `policyName`)."""

    status: str = "error"
    message: str = ""
    category: str = ""
    correlationId: str = ""
    policyName: str | None = None
    errors: list[dict[str, object]] = []


class Option(Reply):
    """One option of an enumeration property."""

    value: str


class PropertyReply(Reply):
    """`GET /crm/v3/properties/{type}/{name}`: the property exists; its options."""

    name: str
    options: list[Option] = []


class BatchRead(Body):
    """`POST /crm/v3/objects/{type}/batch/read` (by id, or by `idProperty` such as email)."""

    properties: list[str]
    inputs: list[ObjectId] = Field(min_length=1, max_length=MAX_INPUTS)
    idProperty: str | None = None


class AssociationInput(Body):
    """One object whose associations to read (`after`: the next page of them)."""

    id: str
    after: str | None = None


class AssociationRead(Body):
    """`POST /crm/v4/associations/{from}/{to}/batch/read`."""

    inputs: list[AssociationInput] = Field(min_length=1, max_length=MAX_INPUTS)


class Target(Reply):
    """One associated object (v4 answers numeric ids)."""

    toObjectId: int | str


class Ref(Reply):
    """An object reference in an answer."""

    id: str


class AssociationResult(Reply):
    """The associations of one object."""

    from_: Ref = Field(alias="from")
    to: list[Target] = []
    paging: Paging | None = None


class AssociationReply(Reply):
    """Answer of an association batch read (207 lists objects without associations)."""

    results: list[AssociationResult] = []
