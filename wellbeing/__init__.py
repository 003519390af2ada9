"""Steady wellbeing: workload, anonymous check-ins, burnout warnings."""
