"""Distillation: rejection sampling keeps exactly what the verifier accepts, the server teacher path, the
written traces as SFT data for a student, and clear errors on bad settings.

The teacher is a real smoke-sized nanoseek model, SFT'd for a few seconds on the problems distill will ask
(single-digit arithmetic), with three wordings of a short reasoning ("the answer is 7", "so it is 7", "I get 7"
before <answer>7</answer>): it keeps the format and is right about half the time when sampled, so
rejection sampling has both kinds of traces to sort.
"""

import json

import pytest
import torch
from helpers import small_config
from servers import free_port, serve

import nanoseek
from nanoseek.cli import main
from nanoseek.tasks import get_task, parse
from nanoseek.tokenizer import Tokenizer
from nanoseek.train.distill import CheckpointTeacher, DistillConfig, ServerTeacher, distill, verified_traces
from nanoseek.train.sft import Conversations, SFTConfig, read_conversations, sft

TASK = get_task("arithmetic")
PROBLEMS = TASK.problems(16, "train", seed=0, difficulty=1)  # what distill asks with seed 0 and 16 prompts


@pytest.fixture(scope="module")
def teacher(tmp_path_factory):
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # small ops: a second thread only waits at barriers on a busy machine
    d = tmp_path_factory.mktemp("teacher")
    solution = "<think>\n{} {}\n</think>\n<answer>{}</answer>"
    convs = [p.messages() + [{"role": "assistant", "content": solution.format(w, p.answer, p.answer)}]
             for p in PROBLEMS for w in ("the answer is", "so it is", "I get")]
    (d / "data.jsonl").write_text("".join(json.dumps({"messages": c}) + "\n" for c in convs))
    tok = Tokenizer.train([m["content"] for c in convs for m in c], vocab_size=600)
    tok.save(d / "init")
    torch.manual_seed(0)
    nanoseek.save(nanoseek.Transformer(small_config(vocab_size=tok.vocab_size, initializer_range=0.02)), d / "init")
    sft(SFTConfig(init=str(d / "init"), out=str(d / "sft"), messages=str(d / "data.jsonl"), steps=100, batch_size=16,
                  seq_len=64, lr=2e-2, warmup=5, eval_every=100, progress=False, tensorboard=False, dtype="fp32"))
    torch.set_num_threads(threads)
    return d / "sft" / "final"


def settings(**kw):
    base = dict(tasks="arithmetic", difficulty=1, prompts_per_task=16, samples=4, keep=2, max_tokens=24, train=False,
                progress=False, tensorboard=False, dtype="fp32")
    return DistillConfig(**{**base, **kw})


def test_rejection_sampling_keeps_exactly_the_verified_traces(teacher, one_thread):
    texts = CheckpointTeacher(str(teacher), torch.device("cpu"), 64).complete(PROBLEMS, 8, 1.0, 24, seed=0)
    accepted_total = 0
    for p, completions in zip(PROBLEMS, texts):
        assert len(completions) == 8
        accepted = [t for t in completions if TASK.reward(p, t).accuracy == 1.0]
        kept, correct = verified_traces(TASK, p, completions, keep=2)
        assert correct == len(accepted)  # the filter counts what the verifier accepts, no more, no less
        assert len(kept) == len(set(kept)) <= 2 and (len(kept) > 0) == (correct > 0)
        for trace in kept:
            assert TASK.reward(p, trace).accuracy == 1.0
            think, answer = parse(trace)
            assert any(parse(t)[0].strip() == think.strip() and parse(t)[1] == answer for t in accepted)
            assert trace.startswith("<think>\n") and trace.endswith(f"</think>\n<answer>{answer}</answer>")
        accepted_total += correct
    # a meaningful mix: the teacher is right sometimes, not always
    assert 0 < accepted_total < 8 * len(PROBLEMS)


def test_distill_writes_only_verified_traces_and_counts_them(teacher, tmp_path, one_thread):
    summary = distill(settings(teacher=str(teacher), out=str(tmp_path), samples=6, keep=2))
    counts = summary["tasks"]["arithmetic"]
    lines = [json.loads(line) for line in (tmp_path / "traces.jsonl").read_text().splitlines()]
    by_question = {p.question: p for p in PROBLEMS}
    per_question = {}
    for line in lines:
        system, user, assistant = line["messages"]
        p = by_question[user["content"]]  # a train problem that was asked
        assert [system, user] == p.messages() and assistant["role"] == "assistant"
        assert TASK.reward(p, assistant["content"]).accuracy == 1.0
        per_question.setdefault(p.question, []).append(assistant["content"])
    assert all(len(v) == len(set(v)) <= 2 for v in per_question.values())
    assert counts["kept"] == len(lines) > 0 and counts["problems_solved"] == len(per_question)
    assert counts["samples"] == 16 * 6 and counts["kept"] <= counts["correct"] < counts["samples"]
    assert counts["acceptance_rate"] == pytest.approx(counts["correct"] / counts["samples"])
    assert json.loads((tmp_path / "summary.json").read_text())["total"]["kept"] == len(lines)
    # the format `nanoseek sft --messages` reads, and the assistant's whole trace is what SFT learns
    tok = Tokenizer.load(teacher)
    conversations = read_conversations(str(tmp_path / "traces.jsonl"))
    ids, mask = tok.encode_chat(conversations[0])
    assert tok.decode([i for i, m in zip(ids, mask) if m], skip_special=True) == conversations[0][-1]["content"]


def test_server_teacher_gives_what_the_checkpoint_teacher_gives(teacher, tmp_path, one_thread):
    problems = PROBLEMS
    local = CheckpointTeacher(str(teacher), torch.device("cpu"), 64)
    with serve(teacher, api_keys=["sk-test"], max_batch=8) as server:
        url = server.url + "/v1"
        remote = ServerTeacher(url, "rigged", "sk-test", timeout=60, concurrency=4)
        # greedy: the same model through the engine and HTTP gives the same reasoning and answers, with the
        # reasoning_content put back inside <think>...</think>
        here, there = local.complete(problems, 1, 0.0, 24, 0), remote.complete(problems, 1, 0.0, 24, 0)
        for p, (a,), (b,) in zip(problems, here, there):
            assert TASK.reward(p, a) == TASK.reward(p, b)
            pa, pb = parse(a), parse(b)
            assert (pa is None) == (pb is None)
            if pa is not None:
                assert (pa[0].strip(), pa[1]) == (pb[0].strip(), pb[1])
        assert sum(parse(t) is not None for (t,) in there) > len(problems) // 2  # mostly well-formed
        served = distill(settings(teacher_url=url, teacher_model="rigged", api_key="sk-test", temperature=0.0,
                                  samples=1, keep=1, out=str(tmp_path / "served")))
        with pytest.raises(ValueError, match="'other' is not among them"):
            ServerTeacher(url, "other", "sk-test", timeout=60, concurrency=1)
        with pytest.raises(ConnectionError, match="HTTP 401.*check --api-key"):
            ServerTeacher(url, "rigged", None, timeout=60, concurrency=1)
    direct = distill(settings(teacher=str(teacher), temperature=0.0, samples=1, keep=1, out=str(tmp_path / "direct")))
    assert served["tasks"] == direct["tasks"] and served["tasks"]["arithmetic"]["kept"] > 0
    assert (tmp_path / "served" / "traces.jsonl").read_text() == (tmp_path / "direct" / "traces.jsonl").read_text()
    assert "sk-test" not in (tmp_path / "served" / "distill_config.json").read_text()


def test_cli_distill_trains_a_student_on_the_traces(teacher, tmp_path, capsys, one_thread):
    main(["distill", "--teacher", str(teacher), "--tasks", "arithmetic", "--difficulty", "1", "--prompts-per-task",
          "16", "--samples", "24", "--keep", "3", "--max-tokens", "24", "--student-preset", "smoke", "--steps", "40",
          "--batch-size", "16", "--seq-len", "64", "--lr", "3e-3", "--warmup", "5", "--eval-problems", "4",
          "--dtype", "fp32", "--out", str(tmp_path), "--no-progress", "--no-tensorboard"])
    printed = capsys.readouterr().out
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert f"kept {summary['total']['kept']} verified traces" in printed and "student arithmetic pass@1" in printed
    student = summary["student"]
    assert set(student["eval_before"]["arithmetic"]) >= {"pass@1", "format_error"}
    assert set(student["eval_after"]["arithmetic"]) >= {"pass@1", "format_error"}
    # the student's loss on the teacher's traces fell: held-out traces, the same split sft uses
    tok = Tokenizer.load(student["final"])
    data = Conversations(read_conversations(str(tmp_path / "traces.jsonl")), tok, 16, 64, seed=0)
    before = data.validate(nanoseek.load(student["init"]), "fp32")["val_loss"]
    after = data.validate(nanoseek.load(student["final"]), "fp32")["val_loss"]
    assert after < 0.6 * before, (before, after)
    assert student["val_loss"] == pytest.approx(after, rel=1e-4)


def test_bad_settings_are_refused_before_any_work(teacher, tmp_path, one_thread):
    out = tmp_path / "run"
    cases = [
        (dict(teacher_url=f"http://127.0.0.1:{free_port()}/v1", teacher_model="m"), ConnectionError,
         "cannot reach the teacher server at http://127.0.0.1"),
        (dict(teacher=str(teacher), tasks="arithmetic,nope"), ValueError, "unknown task 'nope'"),
        (dict(teacher=str(teacher), samples=0), ValueError, "samples must be >= 1; found 0"),
        (dict(teacher=str(teacher), samples=2, keep=3), ValueError, r"keep \(3\) cannot exceed samples \(2\)"),
        (dict(), ValueError, "needs one teacher.*found neither"),
        (dict(teacher=str(teacher), teacher_url="http://x/v1", teacher_model="m"), ValueError, "found both"),
        (dict(teacher_url="http://127.0.0.1:1/v1"), ValueError, "needs --teacher-model"),
        (dict(teacher_url="127.0.0.1:8000", teacher_model="m"), ValueError, "must be an http"),
        (dict(teacher=str(teacher), train=True), ValueError, "needs one student"),
        (dict(teacher_url="http://127.0.0.1:1/v1", teacher_model="m", train=True, student_preset="smoke"),
         ValueError, "needs a tokenizer"),
    ]
    for changes, error, message in cases:
        with pytest.raises(error, match=message):
            distill(settings(out=str(out), **changes))
        assert not (out / "traces.jsonl").exists()
    # too few verified traces to train on: said after the traces are written (they are kept)
    with pytest.raises(ValueError, match="only [0-9]+ verified traces .* needs at least 20"):
        distill(settings(teacher=str(teacher), prompts_per_task=2, train=True, student_preset="smoke", out=str(out)))
    assert (out / "traces.jsonl").exists()
