"""Statistics and board reporting that cannot identify anyone (issue 8)."""
