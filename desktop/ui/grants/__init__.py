"""The Grants page, a grant's own window (budget, instalments, expenditures, reporting
periods, and where it stands) and the editors for each."""
