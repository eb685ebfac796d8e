"""Composition: wiring the application, the CLI, the runner and its web app, the adapter
factories, the demo and the routing evaluation. The only package that imports adapters."""
