"""What changed, when and by whom: change versions, the audit trail, the changes a
transaction made. Flush listeners installed on the store's sessions; below the store."""
