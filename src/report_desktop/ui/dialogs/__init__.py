"""Small dialogs of the window; each is created on demand (lazy import)."""
