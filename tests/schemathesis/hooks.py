"""Schemathesis hooks of tests/schemathesis/run (loaded through SCHEMATHESIS_HOOKS=hooks).

The run signs in once and keeps that session for every request. Three operations would end it when
a generated id happens to be the signed-in account's own: resetting its password or its two-factor
authentication revokes its sessions, and changing it (disabling it, taking its role) could leave the
run without rights. Those requests go to another id instead (SHINKO_SELF_ID + 1,000,000, which does
not exist: the answer is then a 404, which the checks still examine). Every other account and every
other operation stays in the run.
"""

import os

import schemathesis

SELF_ID = int(os.environ.get("SHINKO_SELF_ID", "0"))
OWN_ACCOUNT_PATHS = {
    "/api/v1/users/{id}",
    "/api/v1/users/{id}/password-reset",
    "/api/v1/users/{id}/mfa-reset",
}


def _is_self(value):
    try:
        return int(value) == SELF_ID
    except (TypeError, ValueError):
        return False


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.operation.path in OWN_ACCOUNT_PATHS and _is_self((case.path_parameters or {}).get("id")):
        case.path_parameters["id"] = SELF_ID + 1_000_000
