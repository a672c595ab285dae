"""Every kind of input the pipeline loads, with its name for people: light, so the command line's help is quick."""

from impact import config

KINDS = {
    **config.SURVEYS,
    "actions": "Action plan (one row per action)",
    "action_updates": "Quarterly action updates",
    "activities": "Participation activities",
    "baseline": "Population baseline",
    "audit": "Participation audit (one row per service and priority)",
    "feedback_loop": "You said, we did",
}
