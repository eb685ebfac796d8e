"""Which community a question asked privately is about: its members' skills and its name."""

from guildbot.bot.features.questions.routing import community_about
from guildbot.storage.repositories.questions import CommunityTopic

A11Y = CommunityTopic(
    1, "Accessibility CoP", "Making services usable", 10, {"pdf accessibility": 4}
)
DATA = CommunityTopic(2, "Data Science", "Models and analysis", 30, {"python": 12})
K8S = CommunityTopic(3, "Platform", "Kubernetes and cloud", 5, {"kubernetes": 5})
ALL = [A11Y, DATA, K8S]


def test_skills_and_words_choose_the_community() -> None:
    pdf = "How do I check a scanned PDF for accessibility?"
    assert community_about(pdf, ("pdf accessibility",), ALL, [2]) == 1
    assert community_about("Which python library for models?", ("python",), ALL, [1]) == 2
    assert community_about("Our kubernetes cluster is slow", (), ALL, [1, 2]) == 3  # its name


def test_ties_go_to_the_askers_community_and_nothing_matching_to_their_only_one() -> None:
    twin = CommunityTopic(4, "Platform Ops", "Kubernetes and cloud", 5, {"kubernetes": 5})
    assert community_about("kubernetes upgrade", ("kubernetes",), [K8S, twin], [4]) == 4
    assert community_about("Where is the cafeteria?", (), ALL, [2]) == 2
    assert community_about("Where is the cafeteria?", (), ALL, [1, 2]) is None
    assert community_about("Where is the cafeteria?", (), [], []) is None
