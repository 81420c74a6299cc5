"""The relay: what users send reaches a staff chat durably, and staff replies come back.

One mechanism, two uses (channels): news tips go to the newsroom (``newsroom``), helpdesk
tickets to the helpdesk group (``helpdesk``). What a user sends is stored with its outbox rows
in one transaction before the user is told anything; a worker per channel (``worker``, the
only Telegram side here) posts the rows in order per sender, retries with backoff, pauses while
the staff chat is unreachable and turns a row the chat keeps refusing into a notice. Each
channel renders its own rows (``channel`` says what a channel provides); the outbox and the
message-to-thread links live in the ``relay_outbox`` and ``relay_messages`` tables.
"""
