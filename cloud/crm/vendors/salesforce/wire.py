"""Salesforce REST request and response bodies, as pydantic models (field names are the API's)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

HttpMethod = Literal["GET", "POST", "PATCH", "DELETE"]


class _Out(BaseModel):
    """A request body: frozen, unknown fields rejected, None fields left out when dumped."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class _In(BaseModel):
    """A response body: extra fields the vendor adds are ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class PersonFields(_Out):
    """Lead or Contact fields we write (Company and Status on a Lead only)."""

    FirstName: str | None = None
    LastName: str | None = None
    Email: str | None = None
    Phone: str | None = None
    Company: str | None = None
    Status: str | None = None
    OwnerId: str | None = None


class TaskFields(_Out):
    """A Task for one conversation, or an open follow-up task (no subtype, no duration).

    TaskSubtype is createable, not updateable.
    """

    Subject: str
    Status: str
    WhoId: str
    TaskSubtype: Literal["Call"] | None = "Call"
    CallDurationInSeconds: int | None = None
    Description: str
    ActivityDate: str
    OwnerId: str | None = None


class Subrequest(_Out):
    """One subrequest of a Composite call."""

    method: HttpMethod
    url: str
    referenceId: str
    body: PersonFields | TaskFields | None = None


class CompositeRequest(_Out):
    """`POST /composite`: up to 25 subrequests, one API call."""

    allOrNone: bool = False
    collateSubrequests: bool = False
    compositeRequest: list[Subrequest] = Field(max_length=25)


class ApiError(_In):
    """One entry of Salesforce's error list `[{"message", "errorCode", "fields"}]`."""

    message: str = ""
    errorCode: str = "UNKNOWN_ERROR"
    fields: list[str] = Field(default_factory=list)


class SaveResult(_In):
    """Body of a create/upsert: `{"id", "success", "errors", "created"}`."""

    id: str | None = None
    success: bool = True
    created: bool | None = None


class SubResponse(_In):
    """One subrequest's answer inside a composite response."""

    body: object = None
    httpHeaders: dict[str, str] = Field(default_factory=dict)
    httpStatusCode: int
    referenceId: str


class CompositeResponse(_In):
    """`{"compositeResponse": [...]}`, in the order of the subrequests."""

    compositeResponse: list[SubResponse]


class TokenResponse(_In):
    """The token endpoint's answer (Salesforce gives no expires_in: the org's session timeout)."""

    access_token: str
    instance_url: str
    token_type: str = "Bearer"
    issued_at: str | None = None


class TokenError(_In):
    """The token endpoint's error `{"error", "error_description"}`."""

    error: str
    error_description: str = ""


class SearchRecord(_In):
    """A Lead or Contact found by parameterized search."""

    Id: str
    FirstName: str | None = None
    LastName: str | None = None
    Email: str | None = None
    Phone: str | None = None


class SearchResponse(_In):
    """`{"searchRecords": [...]}`."""

    searchRecords: list[SearchRecord] = Field(default_factory=list)


class DescribeField(_In):
    """One field of an sObject describe."""

    name: str
    externalId: bool = False


class Describe(_In):
    """`GET /sobjects/{Object}/describe` (the parts `check` reads)."""

    name: str
    createable: bool = True
    fields: list[DescribeField] = Field(default_factory=list)
