"""IATI 2.03 activity files: the organisation's projects out for donors' transparency
portals (``export``), and such a file back into an empty database (``importing``)."""
