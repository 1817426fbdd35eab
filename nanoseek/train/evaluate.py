"""Task evaluation on a task's held-out test split: greedy accuracy (pass@1), and with k > 1 samples at
temperature 1 also pass@k (solved by any of the k) and mean@k (the mean accuracy of all k samples: R1's
"pass@1 estimated from k samples", steadier than one greedy answer), the format-error rate and the mean
response length. Completions come from the same batched sampler as RL rollouts. evaluate_with_tools: the same
held-out problems with the task's tool (tasks/tools.py) offered in the prompt, the calls the model makes run and
their results given back. evaluate_fim: fill-in-the-middle exact match on held-out worked solutions;
evaluate_copy: whether the model copies from its context at all (what filling a middle and retrieval need);
evaluate_passkey: retrieval of a key hidden in long filler text."""

from __future__ import annotations

import random

import torch

from ..data.passkey import haystack, random_key
from ..engine.sampling import SamplingParams
from ..model import Transformer
from ..tasks import Task, run_tool, task_tools
from ..tokenizer import THINK, THINK_END, Tokenizer, fim_text, split_tool_calls
from .rollout import rollout


def evaluate_task(model: Transformer, tok: Tokenizer, task: Task, n: int, difficulty: int | None = None,
                  max_tokens: int = 64, k: int = 1, seed: int = 0, thinking: bool = True) -> dict:
    """Scores of n test problems. pass@k counts a problem solved when any of k samples (temperature 1) is.
    thinking=False: the chat template's thinking-off turn (the prompt ends with an empty thought)."""
    problems = task.problems(n, "test", seed=seed, difficulty=difficulty)
    prompts = [tok.apply_chat_template(p.messages(), add_generation_prompt=True, thinking=thinking) for p in problems]
    opened = "" if thinking else THINK + THINK_END  # what the prompt already wrote of the completion

    def reward(p, completion: list[int]):
        return task.reward(p, opened + tok.decode(completion, skip_special=True))

    greedy = rollout(model, prompts, 1, SamplingParams(temperature=0, max_tokens=max_tokens), tok.eos_id)
    rewards = [reward(p, c[0]) for p, c in zip(problems, greedy)]
    out = {"pass@1": sum(r.accuracy for r in rewards) / n,
           "format_error": sum(1 - r.format for r in rewards) / n,
           "response_length": sum(len(c[0]) for c in greedy) / n}
    if k > 1:
        samples = rollout(model, prompts, k, SamplingParams(temperature=1.0, max_tokens=max_tokens, seed=seed),
                          tok.eos_id)
        acc = [[reward(p, c).accuracy for c in cs]
               for p, cs in zip(problems, samples)]
        out[f"pass@{k}"] = sum(any(a) for a in acc) / n
        out[f"mean@{k}"] = sum(map(sum, acc)) / (n * k)
    return out


def evaluate_with_tools(model: Transformer, tok: Tokenizer, task: Task, n: int, difficulty: int | None = None,
                        max_tokens: int = 64, seed: int = 0, max_calls: int = 3) -> dict:
    """Greedy accuracy on the n test problems evaluate_task scores, with the task's tool: the chat template describes
    it (as the server renders a request's `tools`); while the model's turn ends in tool calls, they run (at most
    max_calls turns of calls per problem), their results come back as `tool` messages, and the model goes on from
    the re-rendered conversation (the template drops the reasoning of earlier turns, as in a client's tool loop).
    A problem still calling tools after max_calls turns counts as unsolved. Every round is one batched rollout
    of the problems still open."""
    tools = task_tools(task.name)
    if not tools:
        raise ValueError(f"task {task.name!r} has no tool (tasks/tools.py: TASK_TOOLS)")
    if not tok.has_tools:
        raise ValueError("this tokenizer has no tool-call tokens (trained before they were added)")
    problems = task.problems(n, "test", seed=seed, difficulty=difficulty)
    chats = [p.messages() for p in problems]
    finals: list[list[int] | None] = [None] * n
    calls, errors, lengths = [0] * n, [0] * n, [0] * n
    open_ = list(range(n))
    params = SamplingParams(temperature=0, max_tokens=max_tokens)
    for turn in range(max_calls + 1):
        prompts = [tok.apply_chat_template(chats[i], add_generation_prompt=True, tools=tools) for i in open_]
        outs = rollout(model, prompts, 1, params, tok.eos_id)
        still = []
        for i, out in zip(open_, outs):
            lengths[i] += len(out[0])
            content, made = split_tool_calls(tok.decode(out[0]))
            if not made:
                finals[i] = out[0]
                continue
            if turn == max_calls:
                continue  # out of calls: unsolved
            chats[i].append({"role": "assistant", "content": THINK + "\n" + content, "tool_calls": made})
            for call in made:
                result = run_tool(call["function"]["name"], call["function"]["arguments"], problems[i])
                errors[i] += result.startswith("error:")
                chats[i].append({"role": "tool", "tool_call_id": call["id"], "content": result})
            calls[i] += len(made)
            still.append(i)
        open_ = still
        if not open_:
            break
    rewards = [task.reward(p, tok.decode(f, skip_special=True)) if f is not None else None
               for p, f in zip(problems, finals)]
    return {"pass@1 (tools)": sum(r.accuracy for r in rewards if r) / n,
            "format_error (tools)": sum(1 - r.format if r else 1 for r in rewards) / n,
            "tool_calls": sum(calls) / n,
            "tool_errors": sum(errors) / max(1, sum(calls)),
            "response_length (tools)": sum(lengths) / n}


def fim_gaps(task: Task, n: int, seed: int = 0) -> list[tuple[str, str, str]]:
    """n held-out (prefix, suffix, middle) gaps: a worked solution written as the pretraining corpus holds one
    (the question, a newline, the chat-form completion) with one of its reasoning lines (between <think> and
    </think>) taken out."""
    rng = random.Random(seed)
    gaps = []
    for p in task.problems(n, "test", seed=seed):
        lines = f"{p.question}\n{p.solution()}".split("\n")
        steps = [i for i in range(lines.index("<think>") + 1, lines.index("</think>")) if lines[i].strip()]
        k = rng.choice(steps)
        gaps.append(("\n".join(lines[:k]) + "\n", "\n" + "\n".join(lines[k + 1:]), lines[k]))
    return gaps


@torch.no_grad()
def middle_nll(model: Transformer, prompts: list[list[int]], middles: list[list[int]]) -> float:
    """Mean negative log-likelihood (nats per token) of each middle's tokens after its prompt, teacher-forced."""
    device = next(model.parameters()).device
    total, count = 0.0, 0
    for prompt, middle in zip(prompts, middles):
        ids = torch.tensor([prompt + middle], device=device)
        logp = torch.log_softmax(model(ids)[0, len(prompt) - 1:-1].float(), -1)
        total -= logp.gather(-1, ids[0, len(prompt):, None]).sum().item()
        count += len(middle)
    return total / count


def evaluate_fim(model: Transformer, tok: Tokenizer, task: Task, n: int, max_tokens: int = 48,
                 seed: int = 0) -> dict:
    """Fill-in-the-middle on held-out worked solutions. fim_exact: the share of gaps whose greedy middle (up to
    EOS), given the prefix and the suffix in the FIM format, is the missing line exactly (FIM-pretrained models
    should fill them; others have never seen the format). prefix_exact: the same gaps written left to right, the
    first line of the greedy continuation of the prefix alone (what a model without FIM can do: no suffix).
    fim_nll / prefix_nll: the missing line's likelihood in those two ways (nats per token of the line, the same
    tokens in both), a finer measure than exact match: the suffix should make the line likelier to a model that
    learned to read it."""
    if not tok.has_fim:
        raise ValueError("this tokenizer has no fill-in-the-middle tokens (trained before they were added)")
    gaps = fim_gaps(task, n, seed)
    greedy = SamplingParams(temperature=0, max_tokens=max_tokens)
    fim_prompts = [tok.encode(fim_text(prefix, suffix), bos=True) for prefix, suffix, _ in gaps]
    plain_prompts = [tok.encode(prefix, bos=True) for prefix, _, _ in gaps]
    fim = rollout(model, fim_prompts, 1, greedy, tok.eos_id)
    plain = rollout(model, plain_prompts, 1, greedy, tok.eos_id)
    filled = [tok.decode(c[0], skip_special=True).strip() for c in fim]
    continued = [tok.decode(c[0], skip_special=True).split("\n")[0].strip() for c in plain]
    middles = [tok.encode(middle) for _, _, middle in gaps]
    return {"fim_exact": sum(f == middle.strip() for f, (_, _, middle) in zip(filled, gaps)) / n,
            "prefix_exact": sum(f == middle.strip() for f, (_, _, middle) in zip(continued, gaps)) / n,
            "fim_nll": middle_nll(model, fim_prompts, middles),
            "prefix_nll": middle_nll(model, plain_prompts, middles)}


@torch.no_grad()
def evaluate_copy(model: Transformer, n: int = 16, length: int = 50, seed: int = 0, low: int = 0) -> dict:
    """In-context copying, the induction test: n sequences of `length` random token ids (from `low` up, past the
    special tokens), each given twice in a row. copy_first_nll / copy_second_nll: nats per token of the first
    copy (unpredictable: about ln(vocab) or worse) and of the second, which a model that copies from its context
    predicts almost exactly (well under 1 nat). Filling a middle from its suffix and retrieving a passkey are
    such copies; a model whose second copy is no cheaper than its first can do neither."""
    device = next(model.parameters()).device
    generator = torch.Generator().manual_seed(seed)
    half = torch.randint(low, model.config.vocab_size, (n, length), generator=generator).to(device)
    ids = torch.cat([half, half], 1)
    logp = torch.log_softmax(model(ids).float(), -1)
    nll = -logp[:, :-1].gather(-1, ids[:, 1:, None])[..., 0]  # [n, 2 length - 1]: position i predicts token i + 1
    return {"copy_first_nll": nll[:, :length - 1].mean().item(), "copy_second_nll": nll[:, length:].mean().item()}


@torch.no_grad()
def evaluate_passkey(model: Transformer, tok: Tokenizer, length: int, n: int = 32, seed: int = 0,
                     batch: int = 8) -> dict:
    """Passkey retrieval at `length` tokens of context (data/passkey.py): the share of n haystacks, keys at
    evenly spread depths, whose key the model gives greedily. Scored in one teacher-forced forward per batch:
    every answer token is the argmax after the ones before it exactly when greedy decoding writes the key."""
    rng = random.Random(seed)

    def encoded(key: str, fillers: int, depth: float) -> tuple[list[int], list[int]]:
        prompt = tok.encode(haystack(key, fillers, depth), bos=True)
        full = tok.encode(f"{haystack(key, fillers, depth)} {key}", bos=True)
        if full[:len(prompt)] != prompt:
            raise ValueError("the tokenizer merges the passkey with the question; cannot score it by position")
        return prompt, full[len(prompt):]

    one, two = (len(encoded("12345", f, 0.5)[0]) for f in (1, 2))
    fillers = max(1, (length - one) // (two - one) + 1)
    while fillers > 1 and sum(map(len, encoded("12345", fillers, 0.5))) > length:
        fillers -= 1
    samples = [encoded(random_key(rng), fillers, (i + 0.5) / n) for i in range(n)]
    device = next(model.parameters()).device
    right = 0
    for i in range(0, n, batch):
        chunk = samples[i:i + batch]
        width = max(len(p) + len(a) for p, a in chunk)
        ids = torch.full((len(chunk), width), tok.eos_id, dtype=torch.long, device=device)
        for row, (p, a) in enumerate(chunk):
            ids[row, :len(p) + len(a)] = torch.tensor(p + a, device=device)
        guess = model(ids).argmax(-1)
        for row, (p, a) in enumerate(chunk):
            right += guess[row, len(p) - 1:len(p) - 1 + len(a)].tolist() == a
    return {"passkey": right / n, "tokens": max(len(p) + len(a) for p, a in samples)}
