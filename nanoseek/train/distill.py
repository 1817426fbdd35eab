"""Distillation (DeepSeek-R1 §2.4): a teacher's verified reasoning traces, then SFT of a smaller student on them.

1. Draw train-split problems of the tasks and ask the teacher for k completions of each, in chat form.
   The teacher is a nanoseek checkpoint (sampled with the batched rollout sampler) or any
   OpenAI-compatible server (`/v1/chat/completions`; its `reasoning_content` or `reasoning` field, as
   DeepSeek's API, vLLM and `nanoseek serve` return it, is put back inside <think>…</think>).
2. Rejection sampling: keep a completion only when the task's verifier accepts its answer, at most m
   distinct ones per problem; count the acceptance rate per task.
3. Write the kept traces as chat JSONL (one {"messages": [...]} per line, the assistant turn shaped like a
   task's worked solution: "<think>\\n…\\n</think>\\n<answer>…</answer>"), the file `nanoseek sft --messages`
   reads.
4. SFT the student on that file with the ordinary `sft` run (a checkpoint, or a fresh preset model), and
   score it on the tasks' test splits (greedy pass@1) before and after.

    run/traces.jsonl   run/summary.json   run/distill_config.json   run/student/final (the distilled model)
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import torch

from ..checkpoint import load, save
from ..config import ModelConfig
from ..engine.sampling import SamplingParams
from ..model import Transformer
from ..presets import get_preset
from ..tasks import Problem, Task, get_task, parse
from ..tokenizer import THINK, THINK_END, Tokenizer
from .evaluate import evaluate_task
from .pretrain import pick_device
from .rollout import rollout
from .sft import SFTConfig, sft

TRACES = "traces.jsonl"
SUMMARY = "summary.json"


@dataclass
class DistillConfig:
    # the teacher: a nanoseek checkpoint, or an OpenAI-compatible server
    teacher: str | None = None  # checkpoint directory
    teacher_url: str | None = None  # e.g. http://127.0.0.1:8000/v1
    teacher_model: str | None = None  # the model name the server knows
    api_key: str | None = None  # sent as a Bearer token to the server (never written to disk)
    concurrency: int = 4  # requests in flight to a teacher server
    timeout: float = 600.0  # seconds per request to a teacher server
    # the traces
    tasks: str = "arithmetic,chain_sum,countdown,word_problem"
    difficulty: int | None = None
    prompts_per_task: int = 200  # train-split problems asked per task
    samples: int = 4  # k: completions per problem
    keep: int = 1  # m: at most this many distinct verified traces per problem
    temperature: float = 1.0
    max_tokens: int = 256
    batch_rows: int = 64  # checkpoint teacher: completions decoded together
    # the student
    student: str | None = None  # the checkpoint to fine-tune, or:
    student_preset: str | None = None  # a fresh model of this preset (smoke, tiny, ...)
    tokenizer: str | None = None  # a fresh student's tokenizer (default: the teacher checkpoint's)
    train: bool = True  # False: write the traces only
    steps: int = 300
    batch_size: int = 16
    seq_len: int = 512
    lr: float = 1e-3
    warmup: int = 20
    eval_problems: int = 32  # test problems per task scored before and after SFT (0: skip)
    out: str = "runs/distill"
    seed: int = 0
    dtype: str = "auto"
    device: str | None = None
    progress: bool = True
    tensorboard: bool = True


# ---- teachers: problems -> k completion texts each (text = what follows the assistant role token) ----------

class CheckpointTeacher:
    """A nanoseek checkpoint sampled with the batched rollout sampler (prefill once per prompt, fork k rows)."""

    def __init__(self, path: str, device: torch.device, batch_rows: int):
        self.model = load(path, device=device).eval()
        self.tok = Tokenizer.load(path)
        self.batch_rows = batch_rows
        self.name = str(path)

    def complete(self, problems: list[Problem], k: int, temperature: float, max_tokens: int,
                 seed: int) -> list[list[str]]:
        prompts = [self.tok.apply_chat_template(p.messages(), add_generation_prompt=True) for p in problems]
        limit = self.model.config.max_position_embeddings
        longest = max(len(p) for p in prompts)
        if longest + max_tokens > limit:
            raise ValueError(f"a prompt of {longest} tokens plus max_tokens {max_tokens} exceeds the teacher's "
                             f"context ({limit} positions); lower --max-tokens")
        per_batch = max(1, self.batch_rows // k)
        out = []
        for start in range(0, len(prompts), per_batch):
            params = SamplingParams(temperature=temperature, max_tokens=max_tokens, seed=seed * 1_000_003 + start)
            for comps in rollout(self.model, prompts[start:start + per_batch], k, params, self.tok.eos_id):
                # the generation prompt opened the reasoning: it is part of the assistant's turn
                out.append([THINK + "\n" + self.tok.decode(c, skip_special=True) for c in comps])
        return out


class ServerTeacher:
    """Any OpenAI-compatible chat completions endpoint, called with the standard library."""

    def __init__(self, url: str, model: str, api_key: str | None, timeout: float, concurrency: int):
        self.url, self.model, self.api_key = url.rstrip("/"), model, api_key
        self.timeout, self.concurrency = timeout, concurrency
        self.name = f"{self.model} at {self.url}"
        served = [m.get("id") for m in self._call("GET", "/models", timeout=min(timeout, 30)).get("data", [])]
        if served and model not in served:
            raise ValueError(f"the teacher server at {self.url} serves {served}; --teacher-model {model!r} is not "
                             "among them")

    def _call(self, method: str, path: str, body: dict | None = None, timeout: float | None = None) -> dict:
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")[:500]
            hint = {401: "; check --api-key", 404: "; an OpenAI-compatible --teacher-url usually ends in /v1"}
            raise ConnectionError(f"the teacher server answered {method} {self.url + path} with HTTP {e.code}: "
                                  f"{detail}{hint.get(e.code, '')}") from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise ConnectionError(f"cannot reach the teacher server at {self.url} ({reason}); expected an "
                                  "OpenAI-compatible API there (e.g. `nanoseek serve` or vLLM), with "
                                  "--teacher-url ending in /v1") from None
        except json.JSONDecodeError:
            raise ConnectionError(f"the teacher server's answer to {method} {self.url + path} is not JSON; "
                                  "expected an OpenAI-compatible API") from None

    def _one(self, problem: Problem, k: int, temperature: float, max_tokens: int, seed: int) -> list[str]:
        texts = []
        while len(texts) < k:  # servers that ignore n answer one choice at a time
            # n <= 8: what nanoseek's server allows (OpenAI's allows more; any server may allow fewer)
            body = {"model": self.model, "messages": problem.messages(), "n": min(8, k - len(texts)),
                    "temperature": temperature, "max_tokens": max_tokens, "seed": seed + len(texts)}
            choices = self._call("POST", "/chat/completions", body).get("choices") or []
            if not choices:
                raise ConnectionError(f"the teacher server at {self.url} answered a chat completion with no choices")
            texts += [completion_text(c.get("message") or {}) for c in choices[: k - len(texts)]]
        return texts

    def complete(self, problems: list[Problem], k: int, temperature: float, max_tokens: int,
                 seed: int) -> list[list[str]]:
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            jobs = [pool.submit(self._one, p, k, temperature, max_tokens, seed * 1_000_003 + i * k)
                    for i, p in enumerate(problems)]
            return [j.result() for j in jobs]


def completion_text(message: dict) -> str:
    """An OpenAI-style assistant message as the text the model wrote: separate reasoning (DeepSeek's
    `reasoning_content`, vLLM's `reasoning`) goes back inside <think>…</think> before the content."""
    reasoning = message.get("reasoning_content") or message.get("reasoning")
    content = message.get("content") or ""
    if reasoning is None:
        return content
    return f"{THINK}\n{reasoning.strip()}\n{THINK_END}\n{content.strip()}"


# ---- rejection sampling -------------------------------------------------------------------------------------

def verified_traces(task: Task, problem: Problem, texts: list[str], keep: int) -> tuple[list[str], int]:
    """(up to `keep` distinct traces among texts that the task's verifier accepts, how many it accepted).

    A kept trace is rewritten in the shape of the tasks' worked solutions, so every trace tokenizes alike:
    "<think>\\n{reasoning}\\n</think>\\n<answer>{answer}</answer>".
    """
    kept, correct = [], 0
    for text in texts:
        if not task.reward(problem, text).accuracy:
            continue
        correct += 1
        think, answer = parse(text)
        trace = f"{THINK}\n{think.strip()}\n{THINK_END}\n<answer>{answer}</answer>"
        if len(kept) < keep and trace not in kept:
            kept.append(trace)
    return kept, correct


def check(dc: DistillConfig) -> list[Task]:
    """The tasks, once every setting is known to make sense (errors say what was expected and found)."""
    if bool(dc.teacher) == bool(dc.teacher_url):
        found = "both" if dc.teacher else "neither"
        raise ValueError(f"distill needs one teacher: --teacher DIR (a nanoseek checkpoint) or --teacher-url URL "
                         f"with --teacher-model NAME (an OpenAI-compatible server); found {found}")
    if dc.teacher_url and not dc.teacher_model:
        raise ValueError("--teacher-url needs --teacher-model, the model name the server serves")
    if dc.teacher_url and not dc.teacher_url.startswith(("http://", "https://")):
        raise ValueError(f"--teacher-url must be an http(s) URL such as http://127.0.0.1:8000/v1; "
                         f"found {dc.teacher_url!r}")
    for name, value, least in (("prompts_per_task", dc.prompts_per_task, 1), ("samples", dc.samples, 1),
                               ("keep", dc.keep, 1), ("max_tokens", dc.max_tokens, 1),
                               ("concurrency", dc.concurrency, 1), ("batch_rows", dc.batch_rows, 1),
                               ("eval_problems", dc.eval_problems, 0)):
        if value < least:
            raise ValueError(f"{name} must be >= {least}; found {value}")
    if dc.keep > dc.samples:
        raise ValueError(f"keep ({dc.keep}) cannot exceed samples ({dc.samples}): at most `samples` completions "
                         "per problem can be verified")
    if dc.temperature < 0:
        raise ValueError(f"temperature must be >= 0; found {dc.temperature}")
    if dc.train:
        if bool(dc.student) == bool(dc.student_preset):
            found = "both" if dc.student else "neither"
            raise ValueError(f"distill needs one student: --student DIR (a checkpoint to fine-tune) or "
                             f"--student-preset NAME (a fresh model); found {found} (or pass --no-train)")
        if dc.student_preset:
            get_preset(dc.student_preset)
            if not (dc.tokenizer or dc.teacher):
                raise ValueError("a --student-preset model needs a tokenizer: pass --tokenizer DIR (the teacher "
                                 "is a server, so its tokenizer is not at hand)")
    names = [n.strip() for n in dc.tasks.split(",") if n.strip()]
    if not names:
        raise ValueError(f"tasks must name at least one task; found {dc.tasks!r}")
    return [get_task(n) for n in names]


# ---- the run ------------------------------------------------------------------------------------------------

def generate_traces(dc: DistillConfig, tasks: list[Task], run: Path) -> dict:
    """Steps 1-3: sample, verify, write traces.jsonl. Returns the per-task counts."""
    device = pick_device(dc.device)
    teacher = (CheckpointTeacher(dc.teacher, device, dc.batch_rows) if dc.teacher else
               ServerTeacher(dc.teacher_url, dc.teacher_model, dc.api_key, dc.timeout, dc.concurrency))
    counts, lines = {}, []
    bar = None
    if dc.progress:
        from tqdm import tqdm
        bar = tqdm(total=len(tasks) * dc.prompts_per_task, desc="distill: teacher", unit="problem",
                   dynamic_ncols=True)
    start = time.perf_counter()
    for t, task in enumerate(tasks):
        problems = task.problems(dc.prompts_per_task, "train", dc.seed, dc.difficulty)
        correct = kept = solved = 0
        for i in range(0, len(problems), dc.batch_rows):  # in chunks, so the bar moves
            chunk = problems[i:i + dc.batch_rows]
            texts = teacher.complete(chunk, dc.samples, dc.temperature, dc.max_tokens, dc.seed + 7919 * t + i)
            for p, completions in zip(chunk, texts):
                traces, n = verified_traces(task, p, completions, dc.keep)
                correct, kept, solved = correct + n, kept + len(traces), solved + bool(traces)
                lines += [json.dumps({"task": task.name, "messages": p.messages() + [
                    {"role": "assistant", "content": trace}]}, ensure_ascii=False) for trace in traces]
            if bar is not None:
                bar.update(len(chunk))
        samples = len(problems) * dc.samples
        counts[task.name] = {"problems": len(problems), "samples": samples, "correct": correct,
                             "acceptance_rate": correct / samples, "kept": kept, "problems_solved": solved}
    if bar is not None:
        bar.close()
    (run / TRACES).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    total = {k: sum(c[k] for c in counts.values()) for k in ("problems", "samples", "correct", "kept")}
    total["acceptance_rate"] = total["correct"] / total["samples"]
    return {"teacher": teacher.name, "tasks": counts, "total": total, "traces": str(run / TRACES),
            "teacher_seconds": time.perf_counter() - start}


def scores(model_dir: Path, tasks: list[Task], dc: DistillConfig) -> dict:
    """Greedy pass@1 (and format errors) of a checkpoint on each task's test split."""
    model = load(model_dir, device=pick_device(dc.device))
    tok = Tokenizer.load(model_dir)
    return {t.name: evaluate_task(model, tok, t, dc.eval_problems, dc.difficulty, dc.max_tokens, seed=dc.seed)
            for t in tasks}


def student_init(dc: DistillConfig, run: Path) -> Path:
    if dc.student:
        return Path(dc.student)
    source = Path(dc.tokenizer or dc.teacher)
    tok = Tokenizer.load(source)
    cfg = get_preset(dc.student_preset).replace(vocab_size=tok.vocab_size, bos_token_id=tok.bos_id,
                                                eos_token_id=tok.eos_id)
    torch.manual_seed(dc.seed)
    directory = run / "student_init"
    save(Transformer(cfg), directory)
    tok.save(directory)
    return directory


def distill(dc: DistillConfig) -> dict:
    tasks = check(dc)
    run = Path(dc.out)
    run.mkdir(parents=True, exist_ok=True)
    settings = {**asdict(dc), "api_key": "(given)" if dc.api_key else None}
    (run / "distill_config.json").write_text(json.dumps(settings, indent=2) + "\n")
    summary = generate_traces(dc, tasks, run)
    (run / SUMMARY).write_text(json.dumps(summary, indent=2) + "\n")
    if not dc.train:
        return summary
    kept = summary["total"]["kept"]
    if kept < 20:  # sft holds out every 20th conversation for validation
        raise ValueError(f"only {kept} verified traces (acceptance rate {summary['total']['acceptance_rate']:.1%}); "
                         "the student's SFT needs at least 20: ask for more --prompts-per-task or --samples, "
                         f"raise --keep, or use a stronger teacher (traces so far in {run / TRACES})")
    init = student_init(dc, run)
    context = ModelConfig.load(init / "config.json").max_position_embeddings
    if dc.seq_len > context:
        raise ValueError(f"seq_len {dc.seq_len} exceeds the student's context ({context} positions); "
                         "lower --seq-len")
    before = scores(init, tasks, dc) if dc.eval_problems else {}
    result = sft(SFTConfig(init=str(init), out=str(run / "student"), messages=str(run / TRACES), steps=dc.steps,
                           batch_size=dc.batch_size, seq_len=dc.seq_len, lr=dc.lr, warmup=dc.warmup,
                           eval_every=dc.steps, ckpt_every=dc.steps, seed=dc.seed, dtype=dc.dtype,
                           device=dc.device, progress=dc.progress, tensorboard=dc.tensorboard))
    final = run / "student" / "final"
    summary["student"] = {"init": str(init), "final": str(final) if result["finished"] else None,
                          "steps": result["step"], "val_loss": result.get("val_loss"), "eval_before": before,
                          "eval_after": scores(final, tasks, dc) if dc.eval_problems and result["finished"] else {}}
    (run / SUMMARY).write_text(json.dumps(summary, indent=2) + "\n")
    return summary
