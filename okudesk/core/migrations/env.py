"""Alembic environment: okudesk passes its own connection; nothing is read from an ini file."""

from alembic import context

from okudesk.core.models import Base
from okudesk.core.store import search

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate` by hand
    from sqlalchemy import create_engine

    connection = create_engine(config.get_main_option("sqlalchemy.url")).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=lambda name, type_, _parent: (
        not (type_ == "table" and search.is_search_table(name))
    ),
)
with context.begin_transaction():
    context.run_migrations()
