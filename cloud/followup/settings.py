"""Follow-up settings (`followup.*`): public links, the unsubscribe key, SMTP, the SMS provider."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr


class FollowupSettings(BaseModel):
    """How follow-ups are sent and how customers unsubscribe."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    public_url: str = Field(
        default="http://127.0.0.1:8080",
        pattern=r"^https?://[^/\s]+(/\S*)?$",
        description="The web view's address as customers reach it (unsubscribe links).",
    )
    unsubscribe_key: SecretStr | None = Field(
        default=None,
        description="Key that signs unsubscribe links; null makes one in `state_dir` once "
        "(followup.key). A new key breaks the links already sent.",
    )
    smtp_host: str | None = Field(
        default=None, description="SMTP submission server for follow-up e-mail; null: not sent."
    )
    smtp_port: int = Field(default=587, ge=1, le=65535, description="Its port.")
    smtp_starttls: bool = Field(
        default=True, description="Upgrade with STARTTLS (certificate verified) before sending."
    )
    smtp_ca_file: Path | None = Field(
        default=None, description="CA certificates (PEM) to trust instead of the system's."
    )
    smtp_username: str | None = Field(
        default=None, description="SMTP AUTH user (only ever sent inside TLS)."
    )
    smtp_password: SecretStr | None = Field(default=None, description="SMTP AUTH password.")
    smtp_timeout_s: float = Field(default=30.0, gt=0, le=300, description="SMTP reply timeout.")
    twilio_base_url: str = Field(
        default="https://api.twilio.com",
        description="Twilio REST API base (a test points it at the fake in harness/).",
    )
    twilio_account_sid: str | None = Field(
        default=None, description="Twilio Account SID (AC...); null: texts are not sent."
    )
    twilio_auth_token: SecretStr | None = Field(default=None, description="Twilio Auth Token.")
    twilio_timeout_s: float = Field(default=15.0, gt=0, le=120, description="Twilio timeout.")
