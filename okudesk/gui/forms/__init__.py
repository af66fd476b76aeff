"""Forms (dialogs) for entering and editing records."""
