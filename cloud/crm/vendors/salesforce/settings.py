"""Salesforce connector settings (one org; per tenant or site)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from cloud.crm.backoff import Backoff
from cloud.crm.model import Step


def _default_steps() -> dict[Step, str]:
    return {"greeted": "Working - Contacted"}


class Settings(BaseModel):
    """How to reach one Salesforce org and what to write there."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    login_url: str = Field(
        description="The org's My Domain URL for the token endpoint, e.g. "
        "https://acme.my.salesforce.com (API calls go to the instance_url the token names)."
    )
    auth: Literal["client_credentials", "jwt_bearer"] = Field(
        default="client_credentials",
        description="OAuth flow: client credentials (External Client App with a run-as user) "
        "or the JWT bearer flow (certificate uploaded, user pre-authorized).",
    )
    client_id: str = Field(min_length=1, description="The app's consumer key.")
    client_secret: SecretStr | None = Field(
        default=None, description="The app's consumer secret (client credentials flow)."
    )
    jwt_username: str | None = Field(
        default=None, description="JWT bearer flow: the Salesforce username the app acts as."
    )
    jwt_private_key: SecretStr | None = Field(
        default=None, description="JWT bearer flow: PEM RSA private key of the uploaded cert."
    )
    jwt_audience: str = Field(
        default="https://login.salesforce.com",
        description="JWT bearer flow: aud claim (https://test.salesforce.com for a sandbox).",
    )
    api_version: str = Field(
        default="62.0", pattern=r"^\d+\.\d$", description="REST API version, e.g. 62.0."
    )
    record_object: Literal["Lead", "Contact"] = Field(
        default="Lead", description="What a new person becomes in Salesforce."
    )
    company: str = Field(
        default="Showroom visitor",
        min_length=1,
        description="Lead.Company (required by Salesforce), e.g. the rooftop's name.",
    )
    external_id_field: str = Field(
        default="Showfloor_Event_Id__c",
        pattern=r"^[A-Za-z][A-Za-z0-9_]*__c$",
        description="Custom External ID field (Text, unique) on Lead, Contact and Task that "
        "carries our key: the person id on a Lead/Contact, the event id on a Task.",
    )
    step_statuses: dict[Step, str] = Field(
        default_factory=_default_steps,
        description="Showroom step -> Lead Status picklist value; unmapped steps are not sent.",
    )
    task_status: str = Field(default="Completed", description="Task.Status of a logged visit.")
    followup_status: str = Field(
        default="Not Started", description="Task.Status of a follow-up pushed as a task."
    )
    session_lifetime_s: float = Field(
        default=7200.0,
        gt=0,
        description="The org's session timeout: tokens are refreshed before it runs out.",
    )
    refresh_margin_s: float = Field(
        default=300.0, ge=0, description="Refresh a token this long before it would expire."
    )
    api_usage_threshold: float = Field(
        default=0.9,
        gt=0,
        le=1,
        description="Stop sending when Sforce-Limit-Info api-usage reaches this share of the "
        "24-hour allocation (leaves the rest to the dealer's other integrations).",
    )
    limit_wait_s: float = Field(
        default=900.0,
        gt=0,
        description="How long to pause after REQUEST_LIMIT_EXCEEDED or the usage threshold "
        "(the allocation is a rolling 24-hour window).",
    )
    timeout_s: float = Field(default=30.0, gt=0, description="HTTP timeout per request.")
    backoff: Backoff = Field(
        default_factory=Backoff, description="Retries of 5xx/timeouts inside one push."
    )

    @model_validator(mode="after")
    def _flow_complete(self) -> Settings:
        if self.auth == "client_credentials" and self.client_secret is None:
            raise ValueError("the client credentials flow needs client_secret")
        if self.auth == "jwt_bearer" and (
            self.jwt_username is None or self.jwt_private_key is None
        ):
            raise ValueError("the JWT bearer flow needs jwt_username and jwt_private_key")
        return self

    @property
    def api_path(self) -> str:
        """`/services/data/vXX.X`."""
        return f"/services/data/v{self.api_version}"
