"""reports: the signed-report register, amendments, officer credentials, post CA, trust anchors

Revision ID: 0003_reports
Revises: 0002_search
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_reports"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "post_authority",
        sa.Column("post_code", sa.String(length=12), nullable=False),
        sa.Column("key_pem", sa.LargeBinary(), nullable=False),
        sa.Column("certificate_pem", sa.LargeBinary(), nullable=False),
        sa.Column("chain_pem", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("post_code", name=op.f("pk_post_authority")),
    )
    op.create_table(
        "trust_anchor",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("certificate_pem", sa.LargeBinary(), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_trust_anchor")),
    )
    op.create_table(
        "officer_credential",
        sa.Column("officer_id", sa.String(length=36), nullable=False),
        sa.Column("key_pem", sa.LargeBinary(), nullable=False),
        sa.Column("certificate_pem", sa.LargeBinary(), nullable=False),
        sa.Column("chain_pem", sa.LargeBinary(), nullable=False),
        sa.Column("source", sa.String(length=12), nullable=False),
        sa.Column("key_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_officer_credential_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("officer_id", name=op.f("pk_officer_credential")),
    )
    op.create_table(
        "report",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=80), nullable=False),
        sa.Column("security_class", sa.String(length=20), nullable=False),
        sa.Column("signer_id", sa.String(length=36), nullable=True),
        sa.Column("signer_name", sa.String(length=120), nullable=False),
        sa.Column("signer_nrp", sa.String(length=8), nullable=False),
        sa.Column("certificate_sha256", sa.String(length=64), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=False),
        sa.Column("amends_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin_post", sa.String(length=12), nullable=False),
        sa.Column("change_instance", sa.String(length=36), nullable=False),
        sa.Column("change_counter", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["signer_id"], ["officer.id"], name=op.f("fk_report_signer_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report")),
        sa.UniqueConstraint("number", name=op.f("uq_report_number")),
    )
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_change_counter"), ["change_counter"], unique=False
        )
        batch_op.create_index("ix_report_record", ["kind", "record_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_report_sha256"), ["sha256"], unique=False)

    op.create_table(
        "report_amendment",
        sa.Column("report_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("origin_post", sa.String(length=12), nullable=False),
        sa.Column("change_instance", sa.String(length=36), nullable=False),
        sa.Column("change_counter", sa.Integer(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"], ["report.id"], name=op.f("fk_report_amendment_report_id_report")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_amendment")),
    )
    with op.batch_alter_table("report_amendment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_amendment_change_counter"), ["change_counter"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_amendment_record_id"), ["record_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_report_amendment_report_id"), ["report_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("report_amendment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_amendment_report_id"))
        batch_op.drop_index(batch_op.f("ix_report_amendment_record_id"))
        batch_op.drop_index(batch_op.f("ix_report_amendment_change_counter"))

    op.drop_table("report_amendment")
    with op.batch_alter_table("report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_sha256"))
        batch_op.drop_index("ix_report_record")
        batch_op.drop_index(batch_op.f("ix_report_change_counter"))

    op.drop_table("report")
    op.drop_table("officer_credential")
    op.drop_table("trust_anchor")
    op.drop_table("post_authority")
