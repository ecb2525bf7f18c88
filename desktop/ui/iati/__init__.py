"""IATI activity files from the window: File ▸ Export IATI file… and Import IATI file…,
for the office staff who do not use ``csodesk export iati`` in a terminal."""
