from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """How the request reached KES (DESIGN.md §3)."""

    DIGITAL = "digital", _("Digital")
    PHONE = "phone", _("Phone")
    COUNTER = "counter", _("Counter")


# Channels where KES staff take the request and may register it on the business's behalf.
ASSISTED_CHANNELS = (Channel.PHONE, Channel.COUNTER)


class Track(models.TextChoices):
    """Spor: the five tracks; the values are the ones data and API use."""

    IMMEDIATE = "immediate", _("Immediate answer")
    SELF_SERVICE = "self_service", _("Self-service")
    ASSISTED = "assisted", _("Assisted")
    PILOT = "pilot", _("Business pilot")
    STAR_MEETING = "star_meeting", _("Star meeting")


class CaseStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLOSED = "closed", _("Closed")


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLASSIFIED = "classified", _("Classified")
    DOCUMENT_UPLOADED = "document_uploaded", _("Document uploaded")
    ANSWERED_IMMEDIATELY = "answered_immediately", _("Answered at once")
    RECEIPT_SENT = "receipt_sent", _("Receipt sent")


class LetterKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")


class ShownTopic(models.TextChoices):
    """What staff showed a business at the counter or on the phone, so it can self-serve."""

    GUIDE = "guide", _("How to find the right permit with the guide")
    APPLY_ONLINE = "apply_online", _("How to apply online")
    MY_CASES = "my_cases", _("How to follow the case under My page")
    DOCUMENTS = "documents", _("How to upload documents")


DESCRIPTION_MAX_LENGTH = 5000
TOPIC_MAX_LENGTH = 200
