"""Mon espace: what waits for the user, their structures' lots, requests and pickups."""

from django.db.models import Exists, OuterRef
from django.views.generic import TemplateView

from ..choices import LotStatus, ReservationStatus
from ..conversations.listing import threads_of
from ..impact.report import ImpactReport
from ..models import Lot, OpeningRange, Organisation, Reservation
from ..permissions import VerifiedUserRequiredMixin, is_network_admin

# Mon espace lists the first few of each kind of request; the full list is one click away.
SPACE_LIST_SIZE = 10


class MySpaceView(VerifiedUserRequiredMixin, TemplateView):
    template_name = "annonces/space/my_space.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        # has_hours in the same query: without hours a structure's lots take no booking.
        hours = OpeningRange.objects.filter(organisation=OuterRef("organisation"))
        memberships = list(
            user.memberships.select_related("organisation")
            .annotate(has_hours=Exists(hours))
            .order_by("organisation__name")
        )
        # What each of the user's structures kept from the skip, in one grouped query.
        organisations = [membership.organisation for membership in memberships]
        impact = {f.key: f for f in ImpactReport(organisations=organisations).by_organisation()}
        for membership in memberships:
            membership.impact = impact.get(membership.organisation_id)
        lots = Lot.objects.of_member(user).select_related("organisation").order_by("-updated_at")
        by_status = [(label, [lot for lot in lots if lot.status == value])
                     for value, label in LotStatus.choices]  # fmt: skip
        pending = Organisation.objects.none()
        if is_network_admin(user):
            pending = Organisation.objects.awaiting_validation()
        received = (
            Reservation.objects.received_by(user)
            .for_lists()
            .with_pickup_records()
            .order_by("pickup_at")
        )
        return super().get_context_data(
            memberships=memberships,
            lots_by_status=[(label, group) for label, group in by_status if group],
            pending_organisations=pending,
            requests_to_answer=received.awaiting_answer()[:SPACE_LIST_SIZE],
            pickups=received.filter(status=ReservationStatus.ACCEPTED)[:SPACE_LIST_SIZE],
            my_requests=Reservation.objects.made_by(user).for_lists()[:SPACE_LIST_SIZE],
            threads=threads_of(user, limit=5),
            **kwargs,
        )
