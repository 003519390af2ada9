from .teams import Team, TeamMembership

__all__ = ["Team", "TeamMembership"]
