"""Persistence: SQLAlchemy models, the engine factory, repositories and migrations."""
