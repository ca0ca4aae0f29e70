"""ADF 1.0 XML leads over SMTP: DMSs and every dealer CRM that takes leads by e-mail.

VinSolutions, DealerSocket, Elead, CDK, Reynolds and Dealertrack have no open APIs; they all
take ADF leads by e-mail. `Connector(settings)` sends one lead per linked conversation to the
lead addresses in `Settings`, over SMTP with STARTTLS and AUTH (see `connector` for which jobs
send what, `lead` for the XML, `message` for the e-mail, `smtp` for the session and its errors).
"""

from cloud.crm.vendors.adf.connector import Connector
from cloud.crm.vendors.adf.settings import Settings

__all__ = ["Connector", "Settings"]
