"""The Research page: reports, policy briefs and surveys, with their files and the
indicators they verify."""
