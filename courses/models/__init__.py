from .hiring import Candidate, Invitation, Position, TokenRateLimit
from .teams import Team, TeamMembership

__all__ = ["Candidate", "Invitation", "Position", "Team", "TeamMembership", "TokenRateLimit"]
