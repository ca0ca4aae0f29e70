"""Follow-up drafts after an ended, linked conversation: an e-mail and a text, reviewed and sent.

`facts` gathers what the conversation established (vehicle, confirmed figures, objections, next
step), `render` fills the site's templates in the customer's language, `service` drafts for a
conversation (consent and opt-outs checked), `send` delivers (SMTP, Twilio) exactly once per
reviewed draft, and `unsubscribe` signs and reads the links in every e-mail.
"""
