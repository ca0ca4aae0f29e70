"""Dynamics 365 / Dataverse connector settings (one environment; per tenant or site)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from cloud.crm.backoff import Backoff
from cloud.crm.model import Step


def _default_steps() -> dict[Step, int]:
    return {"greeted": 2}


class Settings(BaseModel):
    """How to reach one Dataverse environment and what to write there."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    org_url: str = Field(
        description="The environment's URL, e.g. https://contoso.crm.dynamics.com (also the "
        "token scope: {org_url}/.default)."
    )
    authority: str = Field(
        default="https://login.microsoftonline.com",
        description="Microsoft Entra ID authority host.",
    )
    tenant_id: str = Field(min_length=1, description="The Entra ID tenant (directory) id.")
    client_id: str = Field(min_length=1, description="The app registration's client id.")
    client_secret: SecretStr = Field(description="The app registration's client secret.")
    api_version: str = Field(default="9.2", pattern=r"^\d+\.\d$", description="Web API version.")
    lead_key: str = Field(
        default="new_showfloorpersonid",
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Column of the lead's alternate key that carries the Showfloor person id.",
    )
    activity_key: str = Field(
        default="new_showfloorkey",
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Column of the phonecall's alternate key that carries our event id.",
    )
    task_key: str = Field(
        default="new_showfloorkey",
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Column of the task's alternate key that carries a follow-up draft's key.",
    )
    company: str = Field(
        default="Showroom visitor", description="lead.companyname, e.g. the rooftop's name."
    )
    lead_subject: str = Field(default="Showroom visit", description="lead.subject (Topic).")
    step_statuscodes: dict[Step, int] = Field(
        default_factory=_default_steps,
        description="Showroom step -> lead statuscode (Open state: 1 New, 2 Contacted, or a "
        "custom status reason); unmapped steps are not sent.",
    )
    window_requests: int = Field(
        default=6000,
        ge=1,
        description="Service protection: requests per window per application user; lower it "
        "when several workers share one application user.",
    )
    window_s: float = Field(default=300.0, gt=0, description="The service-protection window.")
    max_wait_s: float = Field(
        default=5.0,
        ge=0,
        description="Wait inside a push up to this long for the window or a Retry-After; "
        "longer waits are handed back to the worker as Retry.",
    )
    concurrency: int = Field(
        default=8,
        ge=1,
        le=52,
        description="Requests in flight at once (different people's records; Dataverse allows "
        "52 concurrent requests per user).",
    )
    refresh_margin_s: float = Field(
        default=300.0, ge=0, description="Refresh a token this long before it expires."
    )
    timeout_s: float = Field(default=30.0, gt=0, description="HTTP timeout per request.")
    backoff: Backoff = Field(
        default_factory=Backoff, description="Retries of 5xx/timeouts inside one push."
    )

    @property
    def api_url(self) -> str:
        """`{org_url}/api/data/v9.2`."""
        return f"{self.org_url.rstrip('/')}/api/data/v{self.api_version}"
