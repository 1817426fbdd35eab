"""Task evaluation on a task's held-out test split: greedy accuracy (pass@1), and with k > 1 samples at
temperature 1 also pass@k (solved by any of the k) and mean@k (the mean accuracy of all k samples: R1's
"pass@1 estimated from k samples", steadier than one greedy answer), the format-error rate and the mean
response length. Completions come from the same batched sampler as RL rollouts."""

from __future__ import annotations

from ..engine.sampling import SamplingParams
from ..model import Transformer
from ..tasks import Task
from ..tokenizer import Tokenizer
from .rollout import rollout


def evaluate_task(model: Transformer, tok: Tokenizer, task: Task, n: int, difficulty: int | None = None,
                  max_tokens: int = 64, k: int = 1, seed: int = 0) -> dict:
    """Scores of n test problems. pass@k counts a problem solved when any of k samples (temperature 1) is."""
    problems = task.problems(n, "test", seed=seed, difficulty=difficulty)
    prompts = [tok.apply_chat_template(p.messages(), add_generation_prompt=True) for p in problems]
    greedy = rollout(model, prompts, 1, SamplingParams(temperature=0, max_tokens=max_tokens), tok.eos_id)
    rewards = [task.reward(p, tok.decode(c[0], skip_special=True)) for p, c in zip(problems, greedy)]
    out = {"pass@1": sum(r.accuracy for r in rewards) / n,
           "format_error": sum(1 - r.format for r in rewards) / n,
           "response_length": sum(len(c[0]) for c in greedy) / n}
    if k > 1:
        samples = rollout(model, prompts, k, SamplingParams(temperature=1.0, max_tokens=max_tokens, seed=seed),
                          tok.eos_id)
        acc = [[task.reward(p, tok.decode(c, skip_special=True)).accuracy for c in cs]
               for p, cs in zip(problems, samples)]
        out[f"pass@{k}"] = sum(any(a) for a in acc) / n
        out[f"mean@{k}"] = sum(map(sum, acc)) / (n * k)
    return out
