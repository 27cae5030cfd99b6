from wagtail import hooks

from . import exporting


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    exporting.register_actions(actions)
