"""Pure helpers of the courses app: no Django imports, tested without a database."""
