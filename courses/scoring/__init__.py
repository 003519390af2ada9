"""Pure scoring helpers (no Django imports): quiz scoring and rephrasing rules."""
