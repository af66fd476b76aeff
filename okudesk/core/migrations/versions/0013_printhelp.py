"""What was done when a follow-up was marked done

"Tandai selesai" committed a follow-up with one click and nothing said about what was done;
the note is now asked for and kept with the follow-up (and travels with it to HQ). Plain
ADD COLUMN: the table keeps its search triggers.

Revision ID: 0013_printhelp
Revises: 0012_timestamps
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_printhelp"
down_revision = "0012_timestamps"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("follow_up", sa.Column("done_note", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("follow_up", "done_note")
