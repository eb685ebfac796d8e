"""Offline evaluation: replay real Q&A archives through the live ranking code."""
