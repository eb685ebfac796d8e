"""What the bot keeps and answers for the adapters, behind the contract's protocols: the
conversation references a platform needs to speak first (`conversations`), which gateway
shards this instance runs (`shards`), and completions while a command is typed
(`completions`). The composition root hands them to the adapters; adapters see only the
protocols."""
