"""Dataverse Web API bodies as pydantic models (column names are the API's; lookups by alias).

Lookups are set with `@odata.bind` (`"ownerid@odata.bind": "/systemusers(<guid>)"`), which is
not a Python name: those fields carry the annotation as their alias and are dumped by alias.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    """A request body: frozen, unknown fields rejected, dumped by alias without None."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class _In(BaseModel):
    """A response body: extra fields ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class LeadBody(_Out):
    """The lead columns we write."""

    subject: str | None = None
    firstname: str | None = None
    lastname: str | None = None
    companyname: str | None = None
    emailaddress1: str | None = None
    telephone1: str | None = None
    statuscode: int | None = None
    owner: str | None = Field(default=None, alias="ownerid@odata.bind")


class ContactBody(_Out):
    """The contact columns we write (a person linked to an existing contact)."""

    firstname: str | None = None
    lastname: str | None = None
    emailaddress1: str | None = None
    telephone1: str | None = None
    owner: str | None = Field(default=None, alias="ownerid@odata.bind")


class Party(_Out):
    """An activity party: who the call was from (1 Sender) and to (2 ToRecipient)."""

    systemuser: str | None = Field(default=None, alias="partyid_systemuser@odata.bind")
    lead: str | None = Field(default=None, alias="partyid_lead@odata.bind")
    contact: str | None = Field(default=None, alias="partyid_contact@odata.bind")
    participationtypemask: int


class PhonecallBody(_Out):
    """One conversation as a completed, incoming phonecall activity."""

    subject: str
    description: str
    phonenumber: str | None = None
    directioncode: bool = False
    actualdurationminutes: int
    actualstart: str
    actualend: str
    statecode: int = 1
    statuscode: int = 4
    regarding_lead: str | None = Field(
        default=None, alias="regardingobjectid_lead_phonecall@odata.bind"
    )
    regarding_contact: str | None = Field(
        default=None, alias="regardingobjectid_contact_phonecall@odata.bind"
    )
    owner: str | None = Field(default=None, alias="ownerid@odata.bind")
    phonecall_activity_parties: list[Party]


class TaskBody(_Out):
    """A follow-up draft as an open task (state Open, status Not Started) due `scheduledend`."""

    subject: str
    description: str
    scheduledend: str
    statecode: int = 0
    statuscode: int = 2
    regarding_lead: str | None = Field(default=None, alias="regardingobjectid_lead_task@odata.bind")
    regarding_contact: str | None = Field(
        default=None, alias="regardingobjectid_contact_task@odata.bind"
    )
    owner: str | None = Field(default=None, alias="ownerid@odata.bind")


class ODataError(_In):
    """`{"error": {"code", "message"}}`."""

    code: str = ""
    message: str = ""


class ErrorBody(_In):
    """The error envelope."""

    error: ODataError


class EntraToken(_In):
    """Microsoft Entra ID's token answer."""

    token_type: str = "Bearer"
    expires_in: int
    access_token: str


class EntraError(_In):
    """Microsoft Entra ID's error answer (`AADSTS...` in the description)."""

    error: str
    error_description: str = ""


class Row(_In):
    """A lead or contact row from a query."""

    model_config = ConfigDict(extra="allow", frozen=True)

    firstname: str | None = None
    lastname: str | None = None
    emailaddress1: str | None = None
    telephone1: str | None = None


class Rows(_In):
    """`{"value": [...]}`."""

    value: list[Row] = Field(default_factory=list)


class EntityKey(_In):
    """One alternate key of a table (`EntityDefinitions(...)/Keys`)."""

    KeyAttributes: list[str] = Field(default_factory=list)
    EntityKeyIndexStatus: str = "Active"


class EntityKeys(_In):
    """`{"value": [...]}` of alternate keys."""

    value: list[EntityKey] = Field(default_factory=list)
