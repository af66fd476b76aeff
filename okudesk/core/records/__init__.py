"""The records posts keep and the services that change them (one module per domain area),
with their field descriptions (:mod:`okudesk.core.records.fields`)."""
