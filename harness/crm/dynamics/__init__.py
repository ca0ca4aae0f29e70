"""A contract-following fake of Dataverse's Web API and Entra ID (`FakeDataverse`), on loopback."""

from harness.crm.dynamics.app import FakeDataverse

__all__ = ["FakeDataverse"]
