"""Documents and helpers shared by the test modules of this folder (a library,
not a test module)."""

from __future__ import annotations

SET_PROPERTY = """
mutation Set($input: SetSystemPropertyInput!) {
  setSystemProperty(input: $input) { systemProperty { name value } errors { code field message } }
}
"""


ME = "query Me { me { id role username piiRedacted } }"


LOGOUT = "mutation { logout { endedSessions errors { code message } } }"
