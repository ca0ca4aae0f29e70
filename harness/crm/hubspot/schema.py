"""The request bodies the fake accepts, written from HubSpot's published facts on their own.

Deliberately separate from the connector's models (`cloud.crm.vendors.hubspot.wire`), so a
mistake there is caught here: strict types (property values are strings, no coercion),
required `properties` AND `associations` on create, at most 100 inputs, the association spec's
shape. A body that fails is answered with HubSpot's 400 VALIDATION_ERROR.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_INPUTS = 100


class Strict(BaseModel):
    """No coercion, no unknown fields."""

    model_config = ConfigDict(extra="forbid", strict=True)


class AssociationTypeSpec(Strict):
    """`{"associationCategory": ..., "associationTypeId": <int32>}`."""

    associationCategory: Literal["HUBSPOT_DEFINED", "USER_DEFINED", "INTEGRATOR_DEFINED", "WORK"]
    associationTypeId: int = Field(ge=-(2**31), lt=2**31)


class PublicObjectId(Strict):
    """`{"id": "..."}`."""

    id: str = Field(min_length=1)


class AssociationSpec(Strict):
    """`{"to": {"id"}, "types": [...]}`."""

    to: PublicObjectId
    types: list[AssociationTypeSpec] = Field(min_length=1)


class InputForCreate(Strict):
    """`SimplePublicObjectInputForCreate`: `properties` and `associations` both required."""

    properties: dict[str, str]
    associations: list[AssociationSpec]


class BatchInputForCreate(Strict):
    """Batch create."""

    inputs: list[InputForCreate] = Field(min_length=1, max_length=MAX_INPUTS)


class BatchInputUpsert(Strict):
    """One upsert input: `id` and `properties` required."""

    id: str = Field(min_length=1)
    idProperty: str | None = None
    properties: dict[str, str]
    objectWriteTraceId: str | None = None


class BatchUpsert(Strict):
    """Batch upsert."""

    inputs: list[BatchInputUpsert] = Field(min_length=1, max_length=MAX_INPUTS)


class BatchInput(Strict):
    """One update input."""

    id: str = Field(min_length=1)
    idProperty: str | None = None
    properties: dict[str, str]
    objectWriteTraceId: str | None = None


class BatchUpdate(Strict):
    """Batch update."""

    inputs: list[BatchInput] = Field(min_length=1, max_length=MAX_INPUTS)


class BatchArchive(Strict):
    """Batch archive."""

    inputs: list[PublicObjectId] = Field(min_length=1, max_length=MAX_INPUTS)


class SearchFilter(Strict):
    """One filter; `IN` needs `values`, the others `value` (dates: epoch milliseconds)."""

    propertyName: str
    operator: Literal[
        "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY"
    ]
    value: str | None = None
    values: list[str] | None = Field(default=None, max_length=100)


class SearchGroup(Strict):
    """Filters ANDed."""

    filters: list[SearchFilter] = Field(min_length=1, max_length=6)


class SearchRequest(Strict):
    """`PublicObjectSearchRequest` (the parts we support)."""

    filterGroups: list[SearchGroup] = Field(default=[], max_length=5)
    properties: list[str] = []
    limit: int = Field(default=10, ge=1, le=200)
    after: str | None = None
    sorts: list[str] = []


class GdprDelete(Strict):
    """`PublicGdprDeleteInput`."""

    objectId: str = Field(min_length=1)
    idProperty: str | None = None


class BatchReadInput(Strict):
    """One object to read."""

    id: str = Field(min_length=1)


class BatchRead(Strict):
    """`BatchReadInputSimplePublicObjectId`: `properties` and `inputs` required."""

    properties: list[str]
    propertiesWithHistory: list[str] = []
    inputs: list[BatchReadInput] = Field(min_length=1, max_length=MAX_INPUTS)
    idProperty: str | None = None


class FetchAssociations(Strict):
    """One object whose associations to read, `after` a page cursor."""

    id: str = Field(min_length=1)
    after: str | None = None


class AssociationsRead(Strict):
    """`POST /crm/v4/associations/{from}/{to}/batch/read`."""

    inputs: list[FetchAssociations] = Field(min_length=1, max_length=1000)
