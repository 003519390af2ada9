"""Steady hiring: positions, candidates without accounts, invitations, timed assessments
on the courses quiz engine, comparison, grading, decisions and retention."""
