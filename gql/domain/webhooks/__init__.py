"""Webhooks, by the Standard Webhooks specification: a partner's (or the operator's)
audit events POSTed to its URL, signed with its secret.

targets.py decides which URLs may receive them (https, and never an address inside
the orchestrator's network: checked at registration and again at every delivery,
against DNS rebinding); outbox.py writes a delivery in the same transaction as the
event (a crash loses none); delivery.py sends them from the server processes in the
background, each delivery taken by one process only, with retries for 24 hours.
"""
