"""Platform edges. The only package that imports a chat SDK."""
