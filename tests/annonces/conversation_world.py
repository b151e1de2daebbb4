"""A lot, its structure's staff, an asker, a member of another structure, an animator."""

from dataclasses import dataclass

from annonces.conversations import services
from tests.factories import (
    LotFactory,
    MembershipFactory,
    NetworkAnimatorFactory,
    VerifiedUserFactory,
)


@dataclass
class Thread:
    lot: object
    staff: object
    asker: object
    other_member: object
    animator: object
    conversation: object = None
    question: object = None


def a_thread(question="Les portes sont-elles avec leurs huisseries ?") -> Thread:
    staff = MembershipFactory(user__first_name="Nadia", user__last_name="Benali")
    lot = LotFactory(organisation=staff.organisation, title="Portes isoplanes")
    asker = VerifiedUserFactory(first_name="Camille", last_name="Martin")
    world = Thread(
        lot=lot,
        staff=staff.user,
        asker=asker,
        other_member=MembershipFactory().user,
        animator=NetworkAnimatorFactory(),
    )
    if question:
        world.question = services.start_conversation(lot, asker, question)
        world.conversation = world.question.conversation
    return world
