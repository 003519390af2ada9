"""Steady courses: teams, course pages, quizzes, progress, certificates."""
