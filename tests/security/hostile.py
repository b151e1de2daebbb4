"""What the hostile-input campaign shares: the values tried and the promises checked."""

from wagtail.contrib.forms.models import FormSubmission
from wagtail.images import get_image_model

from annonces.models import Lot, LotPhoto, Membership, Organisation, Reservation

SCRIPT = '<script>alert("x")</script>'
# What an attacker types into any field: overflow, signs, formats, injections, controls.
HOSTILE_VALUES = {
    "huge": "9" * 40,
    "negative": "-1",
    "float": "1e400",
    "nan": "NaN",
    "script": SCRIPT,
    "sql": "' OR 1=1 --",
    "nul": "a\x00b",
    "long": "x" * 5000,
    "traversal": "../../etc/passwd",
    "rtl": "\u202eexe.gpj",
}
# English left over from Django or a library: a refusal must read in French.
ENGLISH = ("This field", "Enter a ", "Select a valid", "Ensure this", "is required", "Invalid ")


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Lot,
            LotPhoto,
            Reservation,
            Organisation,
            Membership,
            FormSubmission,
            get_image_model(),
        )
    }


def html(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')


def assert_refused_in_french(response, before: dict, kept: str = ""):
    assert response.status_code < 500
    assert counts() == before, "a refused request wrote something"
    text = html(response)
    assert not any(word in text for word in ENGLISH), text[:2000]
    if kept and response.status_code == 200:
        assert kept in text, "the input typed was lost"
