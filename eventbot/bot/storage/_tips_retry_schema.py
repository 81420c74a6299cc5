"""Schema of per-row retries of the newsroom outbox (version 4)."""

from __future__ import annotations

from ._migrations import Migration

TIPS_RETRY_MIGRATION = Migration(
    version=4,
    description="newsroom outbox rows retry on their own, and can be given up",
    statements=(
        # next_attempt_at: a row the newsroom refused waits until then (NULL: due now);
        # only the later rows of the same submitter wait behind it. rejections: how many
        # times the newsroom refused this very row (400), as opposed to being unreachable.
        # failed_at: the row was given up; a notice goes to the newsroom instead, and /tips
        # lists it.
        "ALTER TABLE tip_outbox ADD COLUMN next_attempt_at TEXT",
        "ALTER TABLE tip_outbox ADD COLUMN rejections INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE tip_outbox ADD COLUMN failed_at TEXT",
        "CREATE INDEX tip_outbox_unsent_by_tip ON tip_outbox (tip_id, id) WHERE sent_at IS NULL",
        "CREATE INDEX tip_outbox_failed ON tip_outbox (tip_id) WHERE failed_at IS NOT NULL",
    ),
)
