"""The user's notifications, kept so they find again what the platform told them."""

from django.utils import timezone
from django.views.generic import ListView

from ..pagination import ForgivingPaginationMixin
from ..permissions import VerifiedUserRequiredMixin

NOTIFICATIONS_PER_PAGE = 20


class NotificationListView(VerifiedUserRequiredMixin, ForgivingPaginationMixin, ListView):
    """The user's notifications, newest first; opening the list marks them all read."""

    template_name = "annonces/notifications/notification_list.html"
    context_object_name = "notifications"
    paginate_by = NOTIFICATIONS_PER_PAGE

    def get_queryset(self):
        return self.request.user.notifications.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        list(context["notifications"])  # read before marking, so the new ones still show as new
        self.request.user.notifications.filter(read_at__isnull=True).update(read_at=timezone.now())
        return context
