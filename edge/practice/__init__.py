"""Practice on the showroom's own objections: scoring an answer, and the hub's practice command.

`score.py` is pure (the playbook and the live handled rule, no models) so the cloud's practice
page and `showfloor-edge practice` grade an answer the same way as live coaching does.
"""
