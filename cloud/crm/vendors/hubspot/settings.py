"""The HubSpot connector's settings (one tenant or site's portal)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

from cloud.crm.model import Step

#: Showroom steps as HubSpot's default `hs_lead_status` options.
DEFAULT_STEPS: dict[Step, str | None] = {
    "greeted": "OPEN",
    "test_drive": "IN_PROGRESS",
    "negotiation": "OPEN_DEAL",
    "left": "CONNECTED",
}


class Settings(BaseModel):
    """How to reach one HubSpot portal and what to write into it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    token: SecretStr = Field(
        description="Private-app (or service-key) access token, sent as `Authorization: Bearer`."
    )
    base_url: str = Field(
        default="https://api.hubapi.com", description="HubSpot API root (a fake's URL in tests)."
    )
    timeout_s: float = Field(default=10.0, gt=0, le=120, description="Timeout of one request.")
    requests_per_window: int = Field(
        default=190,
        ge=1,
        description="Requests allowed per `window_s` (HubSpot: 190 / 10 s for private apps, "
        "250 with the API limit increase; per portal, so divide among workers of one portal).",
    )
    window_s: float = Field(default=10.0, gt=0, description="The burst window, in seconds.")
    search_per_window: int = Field(
        default=4, ge=1, description="Search requests allowed per `search_window_s` (per token)."
    )
    search_window_s: float = Field(
        default=1.0, gt=0, description="The search endpoints' window, in seconds."
    )
    max_wait_s: float = Field(
        default=15.0,
        ge=0,
        description="Longest the connector waits itself for a rate window to open; beyond it "
        "the jobs come back as Retry with the wait as `after_s` (the worker sleeps).",
    )
    account_timezone: str = Field(
        default="UTC",
        description="The portal's time zone (IANA name): HubSpot's daily limit resets at its "
        "midnight.",
    )
    backoff_base_s: float = Field(
        default=1.0, gt=0, description="First retry delay after a 5xx or timeout (doubles)."
    )
    backoff_cap_s: float = Field(
        default=300.0, gt=0, description="Longest retry delay after repeated 5xx or timeouts."
    )
    step_property: str = Field(
        default="hs_lead_status",
        description="Contact property the showroom steps are written to (`hs_lead_status` or "
        "a custom enumeration such as a lifecycle stage).",
    )
    steps: dict[Step, str | None] = Field(
        default_factory=lambda: dict(DEFAULT_STEPS),
        description="Value of `step_property` for each showroom step; null sends nothing.",
    )
    event_id_property: str = Field(
        default="showfloor_event_id",
        description="Custom call and task property (single-line text) holding our job key: "
        "makes a retried activity or follow-up task update, never duplicate.",
    )
    person_id_property: str = Field(
        default="showfloor_person_id",
        description="Custom contact, call and task property (single-line text) holding our "
        "person id: finds a contact without e-mail and everything we created for a forget.",
    )
    call_association_type_id: int = Field(
        default=194, description="HUBSPOT_DEFINED association type call -> contact."
    )
    won_stages: list[str] = Field(
        default_factory=lambda: ["closedwon"],
        description="Deal stage ids that mean sold (the purchase score's outcomes; the default "
        "pipeline's `closedwon`, add a custom pipeline's own).",
    )
    lost_stages: list[str] = Field(
        default_factory=lambda: ["closedlost"],
        description="Deal stage ids that mean not sold (the default pipeline's `closedlost`).",
    )

    @field_validator("account_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as err:
            raise ValueError(f"unknown time zone {value!r}") from err
        return value

    @field_validator("base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.rstrip("/")
