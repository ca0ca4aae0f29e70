"""What the ADF connector needs: the SMTP submission server and the rooftop the leads are for."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator


def _address(value: str) -> str:
    """`value` if it looks like one bare e-mail address (`local@domain`), else ValueError."""
    local, at, domain = value.partition("@")
    if not at or not local or "." not in domain or any(c.isspace() or c in "<>,;" for c in value):
        raise ValueError(f"{value!r} is not a bare e-mail address (local@domain)")
    return value


class Settings(BaseModel):
    """One DMS or dealer CRM that takes ADF leads by e-mail, for one tenant or site."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field(min_length=1, description="SMTP submission server (e.g. smtp.dealer.com).")
    port: int = Field(
        default=587, ge=1, le=65535, description="Its submission port; STARTTLS is required."
    )
    username: str = Field(min_length=1, description="SMTP AUTH user name.")
    password: SecretStr = Field(description="SMTP AUTH password (never logged or shown).")
    to: tuple[str, ...] = Field(
        min_length=1, description="The DMS/CRM lead addresses every lead is sent to."
    )
    from_address: str = Field(description="The From and envelope sender of the lead e-mails.")
    reply_to: str | None = Field(
        default=None, description="Reply-To of the lead e-mails (e.g. the rooftop's sales desk)."
    )
    rooftop_name: str = Field(min_length=1, description="The dealership: the ADF vendor name.")
    rooftop_contact: str = Field(
        min_length=1, description="Name of the ADF vendor contact (e.g. the sales manager)."
    )
    rooftop_email: str | None = Field(
        default=None, description="E-mail of the vendor contact (this or the phone is required)."
    )
    rooftop_phone: str | None = Field(
        default=None, description="Phone of the vendor contact (this or the e-mail is required)."
    )
    rooftop_url: str | None = Field(default=None, description="The dealership's web site.")
    ca_file: Path | None = Field(
        default=None,
        description="PEM file of the CAs to trust for the server's certificate instead of the "
        "system's (a private CA); the certificate is always verified.",
    )
    timeout_s: float = Field(
        default=30.0, gt=0, description="Seconds to wait for any one SMTP reply."
    )
    message_id_domain: str | None = Field(
        default=None,
        description="Right-hand side of our Message-IDs; default: the domain of from_address.",
    )

    @field_validator("to")
    @classmethod
    def _check_to(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_address(address) for address in value)

    @field_validator("from_address", "reply_to", "rooftop_email")
    @classmethod
    def _check_address(cls, value: str | None) -> str | None:
        return None if value is None else _address(value)

    @model_validator(mode="after")
    def _vendor_contact_reachable(self) -> Settings:
        if not self.rooftop_email and not self.rooftop_phone:
            raise ValueError("rooftop_email or rooftop_phone is required (ADF vendor contact)")
        return self

    @property
    def id_domain(self) -> str:
        """The domain our Message-IDs end in."""
        return self.message_id_domain or self.from_address.partition("@")[2]
