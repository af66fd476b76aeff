"""A meeting's basis (Dasar: the Sprin it rests on) and its conclusion

The visit report cited its own register number under "Dasar" and repeated the first line
of "Hasil kegiatan" as its "Kesimpulan". The officer now gives both; a report leaves out what
was not given. Neither is searched, so the search index stays as it is.

Revision ID: 0009_report_wording
Revises: 0008_parties
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_report_wording"
down_revision = "0008_parties"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting") as batch:
        batch.add_column(
            sa.Column("basis", sa.String(length=200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("conclusion", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("meeting") as batch:
        batch.drop_column("conclusion")
        batch.drop_column("basis")
