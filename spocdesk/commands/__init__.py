"""Subcommands of the ``spocdesk`` command line, one module per capability.

Each module has ``register(subparsers)``, which adds its parsers and sets
``handler`` to a function taking the parsed arguments and returning an exit code.
"""

from __future__ import annotations

from spocdesk.commands import (
    backup_cmds,
    briefing_cmds,
    case_cmds,
    dashboard_cmds,
    feedback_cmds,
    followup_cmds,
    handover_cmds,
    mail_account_cmds,
    mail_cmds,
    search_cmds,
    server_cmds,
    server_import_cmds,
    share_cmds,
    stakeholder_cmds,
    store_cmds,
    template_cmds,
)

COMMAND_MODULES = [
    store_cmds,
    case_cmds,
    stakeholder_cmds,
    followup_cmds,
    feedback_cmds,
    handover_cmds,
    briefing_cmds,
    backup_cmds,
    search_cmds,
    dashboard_cmds,
    template_cmds,
    mail_cmds,
    mail_account_cmds,
    server_cmds,
    server_import_cmds,
    share_cmds,
]
