"""Messages sent at once on real PostgreSQL: the thread's row lock keeps one e-mail per window."""

import pytest
from django.core import mail
from django.db import connection

from annonces.conversations import services
from annonces.models import Conversation, ConversationState
from tests.annonces.conversation_world import a_thread
from tests.concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORKERS = 10


@pytest.fixture(autouse=True)
def _on_postgresql():
    assert connection.vendor == "postgresql", "concurrency is proved on PostgreSQL only"


def test_ten_first_questions_at_once_make_one_thread_and_one_email():
    world = a_thread(question=None)
    mail.outbox.clear()
    run_together(
        [
            lambda i=i: services.start_conversation(world.lot, world.asker, f"Question {i}")
            for i in range(WORKERS)
        ]
    )
    conversation = Conversation.objects.get()
    assert conversation.messages.count() == WORKERS
    assert ConversationState.objects.filter(user=world.staff).count() == 1
    assert len([m for m in mail.outbox if world.staff.email in m.to]) == 1
