"""The Results page: a project's logframe as a tree, and its indicator values per period."""
