"""Repositories: the queries the core needs, each taking the unit of work's `AsyncSession`."""
