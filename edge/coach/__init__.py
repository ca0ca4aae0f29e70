"""Real-time coaching: playbook rules turn understood turns into prompts on the sinks.

`Coach` (engine.py) decides; `edge.coach.sinks` deliver (earpiece, LED, console).
"""
