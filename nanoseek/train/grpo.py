"""GRPO (DeepSeekMath / R1) with the published variants: Dr. GRPO, DAPO's clip-higher, token-level loss,
dynamic sampling and overlong shaping. Formulas: ../shared/reference/grpo.md.

One step: draw prompts, sample G completions each with the current policy (the "old" policy), score them
with the task's rule-based reward, turn rewards into group-relative advantages, then take mu optimizer
steps on the clipped surrogate (minus beta * KL to a frozen reference, k3 estimator).

Rollouts only produce tokens: every log-probability the loss uses (the "old" ones included, taken in the
first of the mu updates, before any optimizer step) comes from the training forward, which runs each group's
prompt once, packed with its G completions (DeepSeek-V4: each prompt + completion on its own), and fuses the
output head with the log-softmax (`token_logprobs`).
On a CPU the rollouts' forwards of at most rollout.ENGINE_ROWS rows (small batches, the tail of a batch whose
rows mostly stopped) can run the model through the engine's compiled throughput mode (--compile;
engine/runner.py; rollouts need no bit-exact batch independence), which reads the policy's parameters in place
as the optimizer leaves them and is compiled once, before the first step. Off by default: compiling costs 10 s
to minutes, and batches of more than 64 rows gain nothing (BENCHMARKS.md#grpo-step).
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass
from pathlib import Path

import torch

from ..checkpoint import load
from ..engine.runner import GEMM_ROWS, InferenceModel
from ..engine.sampling import SamplingParams
from ..model import Context, SharedPromptAttention
from ..tasks import get_task
from ..tokenizer import Tokenizer
from .distributed import clip_grad_norm
from .evaluate import evaluate_task
from .loop import TrainingLoop
from .optim import make_optimizer
from .pretrain import autocast, pick_device
from .rollout import rollout, rollout_cache_len
from .runstate import latest_checkpoint, load_checkpoint, save_checkpoint, save_release


@dataclass
class GRPOConfig:
    init: str | None = None  # the policy to start from (an SFT or pretrained checkpoint)
    out: str = "runs/grpo"
    task: str = "chain_sum"
    difficulty: int | None = None
    steps: int = 50
    prompts_per_step: int = 8
    group_size: int = 8  # G
    max_tokens: int = 64  # L_max of a completion
    temperature: float = 1.0
    lr: float = 2e-4
    weight_decay: float = 0.0
    grad_clip: float = 1.0
    updates_per_batch: int = 1  # mu
    eps_low: float = 0.2
    eps_high: float = 0.28  # DAPO clip-higher; = eps_low for plain GRPO
    beta: float = 0.0  # KL weight; 0 keeps no reference model
    loss_mode: str = "dapo"  # grpo (per sequence) | dr_grpo (constant) | dapo (per token)
    scale_std: bool = False  # GRPO divides advantages by the group's std; Dr. GRPO does not
    dynamic_sampling: bool = True  # drop zero-variance groups and draw more prompts
    max_draws: int = 3  # at most this many prompts_per_step batches drawn per step
    overlong: str = "soft"  # none | filter (mask truncated completions) | soft (DAPO's length penalty)
    overlong_buffer: int = 16  # L_cache
    eval_every: int = 25
    eval_problems: int = 64
    ckpt_every: int = 25
    seed: int = 0
    dtype: str = "fp32"
    device: str | None = None
    compile: bool = False  # forwards of <= rollout.ENGINE_ROWS rows through the engine's compiled forward
    resume: bool = False
    progress: bool = True
    tensorboard: bool = True


# the formulas, as pure functions
def group_advantages(rewards: torch.Tensor, scale_std: bool) -> torch.Tensor:
    """rewards [groups, G] -> advantages [groups, G]: r - mean(r), divided by std(r) when scale_std."""
    adv = rewards - rewards.mean(dim=1, keepdim=True)
    if scale_std:
        adv = adv / (rewards.std(dim=1, keepdim=True) + 1e-4)
    return adv


def overlong_penalty(length: int, max_len: int, buffer: int) -> float:
    """DAPO's soft overlong punishment: 0 up to max_len - buffer, then linear down to -1 at max_len."""
    if length <= max_len - buffer:
        return 0.0
    return max(-1.0, (max_len - buffer - length) / buffer)


def grpo_loss(logp: torch.Tensor, old_logp: torch.Tensor, ref_logp: torch.Tensor | None, adv: torch.Tensor,
              mask: torch.Tensor, eps_low: float, eps_high: float, beta: float, mode: str,
              max_len: int) -> tuple[torch.Tensor, dict]:
    """logp/old_logp/ref_logp/mask [N, T] over completion tokens, adv [N] -> (loss, stats)."""
    mask = mask.float()
    ratio = torch.exp(logp - old_logp)
    a = adv[:, None]
    surrogate = torch.minimum(ratio * a, ratio.clamp(1 - eps_low, 1 + eps_high) * a)
    per_token = -surrogate
    kl = None
    if beta > 0:
        log_r = ref_logp - logp
        kl = torch.exp(log_r) - log_r - 1  # k3: unbiased and >= 0
        per_token = per_token + beta * kl
    if mode == "grpo":
        loss = ((per_token * mask).sum(1) / mask.sum(1).clamp(min=1)).mean()
    elif mode == "dr_grpo":
        loss = (per_token * mask).sum() / (mask.shape[0] * max_len)
    elif mode == "dapo":
        loss = (per_token * mask).sum() / mask.sum().clamp(min=1)
    else:
        raise ValueError(f"loss_mode must be grpo, dr_grpo or dapo; got {mode!r}")
    clipped = ((ratio < 1 - eps_low) & (a < 0)) | ((ratio > 1 + eps_high) & (a > 0))
    n = mask.sum().clamp(min=1)
    stats = {"clip_fraction": float((clipped.float() * mask).sum() / n),
             "kl": float((kl.detach() * mask).sum() / n) if kl is not None else 0.0}
    return loss, stats


def completion_mask(completions: list[list[int]], device: torch.device | None = None) -> torch.Tensor:
    """[N, L_max]: True on each completion's own tokens (the rest is right padding)."""
    lengths = torch.tensor([len(c) for c in completions], device=device)
    return torch.arange(int(lengths.max()), device=device) < lengths[:, None]


def token_logprobs(model, prompts: list[list[int]], completions: list[list[int]], dtype: str,
                   pad: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Log-probabilities [N, L_max] of the completions' tokens under the model (0 on padding) and the entropy
    of each of those distributions (no gradient). Completions come in groups: prompt i's are completions
    i*G .. i*G + G-1, G = N / len(prompts).

    Each prompt runs once, not once per completion: a group is one packed row of the batch (`shared_prompt_rows`).
    With G = 8 that takes 7 copies of every prompt out of the forward and backward passes, and each weight is
    read once per pass. DeepSeek-V4's attention has no such packed form (its compressors pool fixed windows of
    positions, and a window straddling the end of the prompt holds tokens of each completion): there every
    prompt + completion is a row of its own (`one_row_each`). Only the positions that predict a completion
    token go through the output head, fused with the log-softmax (`selected_logprobs`).
    """
    n, groups = len(completions), len(prompts)
    if n % groups:
        raise ValueError(f"{n} completions do not split into groups of equal size for {groups} prompts")
    device = model.embed_tokens.weight.device
    mask = completion_mask(completions, device)  # [N, L_max]
    rows = one_row_each if model.config.model_type == "deepseek_v4" else shared_prompt_rows
    ids, ctx, picks = rows(prompts, completions, n // groups, pad, device)
    targets = torch.tensor([t for c in completions for t in c], device=device, dtype=torch.long)
    with autocast(device, dtype):
        hidden = model.hidden_states(ids, ctx)  # [rows, width, hidden]
    picked, ent = selected_logprobs(hidden.flatten(0, 1)[picks], model.lm_head.weight, targets)
    logp = picked.new_zeros(mask.shape)
    logp[mask] = picked  # mask's True entries, row by row, are the completions' tokens in order
    entropy = torch.zeros(mask.shape, device=device)
    entropy[mask] = ent
    return logp, entropy


def shared_prompt_rows(prompts: list[list[int]], completions: list[list[int]], G: int, pad: int,
                       device: torch.device) -> tuple[torch.Tensor, Context, torch.Tensor]:
    """One packed row per group, its prompt then each completion but its last token, [p, c_1[:-1], ...,
    c_G[:-1]] (each padded to the longest) -> (ids [groups, P + G L], the Context that runs them, picks: the
    flat position predicting each completion token, in order). The completions' tokens take the positions that
    follow their prompt and attend to it and causally to their own completion only (model.SharedPromptAttention),
    so each hidden state is the one of prompt + completion run on its own."""
    P, L = max(len(p) for p in prompts), max(max(map(len, completions)) - 1, 0)
    width = P + G * L  # a packed row
    ids, positions, picks = [], [], []
    for i, p in enumerate(prompts):
        row, where = p + [pad] * (P - len(p)), list(range(P))
        for g, c in enumerate(completions[i * G:(i + 1) * G]):
            start, inputs = i * width + P + g * L, c[:-1]
            picks += [i * width + len(p) - 1] * bool(c) + list(range(start, start + len(inputs)))
            row += inputs + [pad] * (L - len(inputs))
            where += range(len(p), len(p) + L)
        ids.append(row)
        positions.append(where)
    attention = SharedPromptAttention(torch.tensor([len(p) for p in prompts], device=device), P, G, L)
    ctx = Context(torch.tensor(positions, device=device), attention=attention)
    return torch.tensor(ids, device=device), ctx, torch.tensor(picks, device=device, dtype=torch.long)


def one_row_each(prompts: list[list[int]], completions: list[list[int]], G: int, pad: int,
                 device: torch.device) -> tuple[torch.Tensor, Context, torch.Tensor]:
    """Every prompt + completion but its last token a row of its own, right-padded (causal attention: the padding
    after a sequence changes nothing before it) -> (ids [N, width], the Context, picks) as shared_prompt_rows."""
    seqs = [prompts[j // G] + c[:-1] for j, c in enumerate(completions)]
    width = max(map(len, seqs))
    picks = [j * width + len(prompts[j // G]) - 1 + t for j, c in enumerate(completions) for t in range(len(c))]
    ids = torch.tensor([s + [pad] * (width - len(s)) for s in seqs], device=device)
    ctx = Context(torch.arange(width, device=device).expand(len(seqs), width))
    return ids, ctx, torch.tensor(picks, device=device, dtype=torch.long)


def selected_logprobs(hidden: torch.Tensor, weight: torch.Tensor,
                      targets: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """hidden [T, hidden] through the output head weight [vocab, hidden] -> (log-softmax at targets [T], with
    gradient; the entropy of each distribution [T], without). `_SelectedLogProbs` below."""
    return _SelectedLogProbs.apply(hidden, weight, targets)


class _SelectedLogProbs(torch.autograd.Function):
    """The output head, log-softmax and target pick in one step over [T, vocab] logits held once.

    Unfused, autograd keeps the logits, the log-softmax, a zero-filled gradient for the pick and the
    log-softmax's own gradient: four [T, vocab] float32 tensors, each a pass over memory (measured ~12 ms
    of a 16-row GRPO step on the bench's model). Here the logits become the probabilities in place, row
    blocks at a time (cache-sized); the backward turns those into d logp / d logits = onehot - p, in place
    again, and multiplies. The probabilities are consumed by that backward: it may run only once."""

    ROWS = 64  # rows per block of the softmax: 64 x 4096 float32 = 1 MiB

    @staticmethod
    def forward(ctx, hidden, weight, targets):
        w = weight.to(hidden.dtype)  # under autocast, hidden's dtype
        logits = (hidden @ w.t()).float()  # [T, vocab]
        picked = logits.gather(1, targets[:, None])[:, 0]
        lse, entropy = torch.empty_like(picked), torch.empty_like(picked)
        for s in range(0, len(logits), _SelectedLogProbs.ROWS):
            z = logits[s:s + _SelectedLogProbs.ROWS]
            top = z.amax(-1, keepdim=True)
            e = (z - top).exp_()
            total = e.sum(-1, keepdim=True)
            lse[s:s + len(z)] = (top + total.log())[:, 0]
            entropy[s:s + len(z)] = lse[s:s + len(z)] - torch.linalg.vecdot(e, z) / total[:, 0]  # -sum p log p
            torch.div(e, total, out=z)  # the probabilities, over the logits
        ctx.save_for_backward(hidden, w, targets, logits)
        ctx.weight_dtype, ctx.spent = weight.dtype, False
        ctx.mark_non_differentiable(entropy)
        return picked - lse, entropy

    @staticmethod
    def backward(ctx, grad, _):
        if ctx.spent:
            raise RuntimeError("selected_logprobs' backward ran twice: it consumes its saved probabilities")
        ctx.spent = True
        hidden, w, targets, probs = ctx.saved_tensors
        g = probs.mul_(-grad[:, None])  # onehot - p, times the incoming gradient
        g.scatter_add_(1, targets[:, None], grad[:, None])
        g = g.to(hidden.dtype)
        return g @ w, (g.t() @ hidden).to(ctx.weight_dtype), None


def compiled_rollouts(model, rows: int, cache_len: int) -> tuple[InferenceModel, float]:
    """The engine's forward of `model` through torch.compile, compiled now by one token into a cache of the
    rollouts' shape, `rows` x `cache_len` -> (it, seconds). Batch, sequence and key lengths are symbolic, but
    the cache's shape is not: every rollout allocates this shape, and this one compilation serves them all."""
    t0 = time.perf_counter()
    engine = InferenceModel(model, deterministic=False, compile=True)  # (puts the model in eval mode, as rollouts do)
    zeros = [torch.zeros(shape, dtype=torch.long, device=engine.device) for shape in ((1, 1), (1, 1), 1)]
    with torch.no_grad():  # as in rollout(): the cache and its views made without autograd
        cache = model.new_cache(rows, cache_len)
        engine.run(*zeros[:2], cache, zeros[2])  # token 0 at position 0 of row 0
        n = GEMM_ROWS + 1  # and the mode's GEMM graph, for forwards of more rows
        engine.run(zeros[0].expand(1, n).clone(), torch.arange(n, device=engine.device)[None], cache, zeros[2])
    model.train()
    return engine, time.perf_counter() - t0


def grpo(tc: GRPOConfig) -> dict:
    device = pick_device(tc.device)
    torch.manual_seed(tc.seed)
    if tc.resume:
        source = latest_checkpoint(tc.out)
        model, state = load_checkpoint(source, device)
    else:
        if not tc.init:
            raise ValueError("grpo needs --init, the policy to start from (e.g. runs/speedrun/sft/final)")
        source, state = Path(tc.init), None
        model = load(source, dtype=torch.float32, device=device).train()
    tok = Tokenizer.load(source)
    task = get_task(tc.task)
    problems = task.problems(tc.prompts_per_step * tc.max_draws * tc.steps, "train", tc.seed, tc.difficulty)
    ref = None
    if tc.beta > 0:
        ref = load(tc.init, dtype=torch.float32, device=device).eval() if tc.init else copy.deepcopy(model).eval()
    optimizer = make_optimizer(model, tc.lr, tc.weight_decay)
    step, drawn, train_time = 0, 0, 0.0
    prompt_ids = lambda p: tok.apply_chat_template(p.messages(), add_generation_prompt=True)
    cache_len = rollout_cache_len([len(prompt_ids(p)) for p in problems], tc.max_tokens)
    engine, compile_seconds = None, None
    if tc.compile:
        engine, compile_seconds = compiled_rollouts(model, tc.prompts_per_step * tc.group_size, cache_len)
    if state is not None:
        optimizer.load_state_dict(state["optimizer"])
        torch.set_rng_state(state["rng"].cpu())
        step, drawn, train_time = state["step"], state["data"]["drawn"], state["train_time"]
    params = SamplingParams(temperature=tc.temperature, max_tokens=tc.max_tokens)
    val = {}
    with TrainingLoop(tc, start=step, desc="grpo") as loop:
        while loop.running:
            t0 = time.perf_counter()
            # 1. rollouts, scored; dynamic sampling keeps only groups whose rewards differ
            groups, seen, dropped, rollout_seconds = [], [], 0, 0.0
            for _ in range(tc.max_draws):
                batch = problems[drawn:drawn + tc.prompts_per_step]
                drawn += len(batch)
                params.seed = tc.seed * 1_000_003 + drawn
                t_roll = time.perf_counter()
                completions = rollout(model, [prompt_ids(p) for p in batch], tc.group_size, params, tok.eos_id,
                                      engine, cache_len)
                rollout_seconds += time.perf_counter() - t_roll
                for p, comps in zip(batch, completions):
                    scored = []
                    for c in comps:
                        r = task.reward(p, tok.decode(c, skip_special=True))
                        truncated = c[-1] != tok.eos_id
                        shaped = r.total + (overlong_penalty(len(c), tc.max_tokens, tc.overlong_buffer)
                                            if tc.overlong == "soft" else 0.0)
                        scored.append((c, r, shaped, truncated))
                    seen += scored
                    if tc.dynamic_sampling and len({s[2] for s in scored}) == 1:
                        dropped += 1
                        continue
                    groups.append((prompt_ids(p), scored))
                if not tc.dynamic_sampling or len(groups) >= tc.prompts_per_step:
                    break
            groups = groups[:tc.prompts_per_step]
            record = {"reward": sum(s[1].total for s in seen) / len(seen),
                      "accuracy": sum(s[1].accuracy for s in seen) / len(seen),
                      "format": sum(s[1].format for s in seen) / len(seen),
                      "response_length": sum(len(s[0]) for s in seen) / len(seen),
                      "frac_reward_zero_std": dropped / max(1, dropped + len(groups))}
            # 2. the update on the kept groups
            if groups:
                rewards = torch.tensor([[s[2] for s in scored] for _, scored in groups])
                adv = group_advantages(rewards, tc.scale_std).flatten().to(device)
                prompts = [p for p, _ in groups]
                comps = [s[0] for _, scored in groups for s in scored]
                mask = completion_mask(comps, device)
                if tc.overlong == "filter":
                    truncated = torch.tensor([s[3] for _, scored in groups for s in scored], device=device)
                    mask &= ~truncated[:, None]
                old_logp = None
                with torch.no_grad():
                    ref_logp = token_logprobs(ref, prompts, comps, tc.dtype, tok.pad_id)[0] if ref is not None else None
                for _ in range(tc.updates_per_batch):
                    logp, entropy = token_logprobs(model, prompts, comps, tc.dtype, tok.pad_id)
                    if old_logp is None:  # the first update's policy is the one that sampled: no extra forward
                        old_logp = logp.detach()
                    loss, stats = grpo_loss(logp, old_logp, ref_logp, adv, mask, tc.eps_low, tc.eps_high, tc.beta,
                                            tc.loss_mode, tc.max_tokens)
                    loss.backward()
                    grad_norm = clip_grad_norm(model, tc.grad_clip)
                    optimizer.step()
                    optimizer.zero_grad(set_to_none=True)
                    model.update_expert_bias(0.001)
                record.update(loss=float(loss.detach()), grad_norm=grad_norm, **stats,
                              entropy=float((entropy * mask).sum() / mask.sum().clamp(min=1)))
            dt = time.perf_counter() - t0
            train_time += dt
            step += 1
            record.update(seconds_per_step=dt, rollout_seconds=rollout_seconds,
                          rollout_tokens=sum(len(c) for c, *_ in seen))  # every sampled token, dropped groups too
            if compile_seconds is not None:  # once per process, before the first step: not in its seconds
                record["compile_seconds"], compile_seconds = compile_seconds, None
            if loop.evaluating(step):
                val = {f"test_{k}": v for k, v in
                       evaluate_task(model, tok, task, tc.eval_problems, difficulty=tc.difficulty,
                                     max_tokens=tc.max_tokens).items()}
                record.update(val)
            postfix = {"reward": f"{record['reward']:.3f}", "acc": f"{record['accuracy']:.2f}",
                       "len": f"{record['response_length']:.0f}"}
            if loop.end_step(step, record, postfix):
                save_checkpoint(tc.out, model, {"step": step, "train_time": train_time,
                                                "optimizer": optimizer.state_dict(),
                                                "data": {"drawn": drawn}, "rng": torch.get_rng_state()},
                                tokenizer_dir=source)
    if loop.finished:
        save_release(tc.out, model, source)
    return {"finished": loop.finished, "step": step, "train_time": train_time, **val}
