"""Durable time: recurrences, the outbox, delivery and the tick that drives them."""
