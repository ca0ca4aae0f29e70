"""Purchase-likelihood score: how likely a conversation's (or a visit's) customer is to buy.

```
projections (conversations, presence, crm_links) ─► features ─► model (prior or fitted) ─► score
outcomes (manager's mark on the page, or a CRM's closed deals) ─► train ─► score_models
```

- `features`: the numbers the hub saw, per conversation and per visit.
- `prior`: hand-set coefficients with their reasons, used until a tenant has enough outcomes.
- `model`: a calibrated logistic regression, shrunk toward the prior while outcomes are few.
- `outcomes`: sold / not sold, checked against the tenant's conversations, audited.
- `train`: fits each tenant's model on its outcomes; `prospects`: the ordered lists the pages show.
"""
