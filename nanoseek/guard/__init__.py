"""Input and output safety checks for the server: policy, backends (own classifier, Llama Guard endpoint,
operator rules), normalisation of smuggled text, audit log, and the red-team suite (`nanoseek redteam`)."""

from .categories import CATEGORIES, CODES
from .guard import Guard, Verdict
from .policy import Policy, load_policy

__all__ = ["CATEGORIES", "CODES", "Guard", "Policy", "Verdict", "load_policy"]
