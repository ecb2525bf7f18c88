"""The donor's logo from its profile, in every registered format printed from the demo
database: on the cover and small in each page's header, and absent while the donor has none.
"""

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from desktop.services.donor_profiles import DonorProfileForm, DonorProfileService
from desktop.services.grants import GrantService
from desktop.services.reference import ReferenceService
from desktop.services.report_formats import report_formats, write_report
from desktop.store.database import Database
from desktop.store.demo import load_demo

GRANT = "2025/461-198"


def _logo() -> bytes:
    stream = BytesIO()
    PILImage.new("RGB", (300, 120), (0, 51, 153)).save(stream, format="PNG")
    return stream.getvalue()


@pytest.mark.parametrize("key", [report.key for report in report_formats()])
def test_every_format_prints_the_donors_logo_from_its_profile(
    db: Database, tmp_path: Path, key: str
) -> None:
    load_demo(db)
    grants = GrantService(db)
    grant_id = grants.find(GRANT)
    period_id = grants.find_period(grant_id, "2026-Q1")
    profiles = DonorProfileService(db)
    profile = profiles.for_grant(grant_id)
    [eu_template] = [
        choice.id
        for choice in ReferenceService(db).budget_templates("en")
        if choice.code == "eu_2016"
    ]
    profiles.set(profile.organisation_id, DonorProfileForm(eu_template, None), profile.version)

    write_report(db, key, grant_id, period_id, "sr", tmp_path / "without.pdf")
    assert all(not list(page.images) for page in PdfReader(tmp_path / "without.pdf").pages)

    profile = profiles.for_grant(grant_id)
    profiles.set(profile.organisation_id, DonorProfileForm(eu_template, _logo()), profile.version)
    write_report(db, key, grant_id, period_id, "sr", tmp_path / "with.pdf")
    reader = PdfReader(tmp_path / "with.pdf")
    for page in reader.pages:
        images = list(page.images)
        assert len(images) == 1
        assert images[0].image.size == (300, 120)
