"""Pretraining: exact resume, SIGTERM checkpoints, corrupt checkpoints, and an end-to-end smoke run."""

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

import nanoseek
from nanoseek import CheckpointError
from nanoseek.data import build, tokens, unigram_entropy
from nanoseek.data.sources import default_corpus
from nanoseek.train.metrics import read_metrics
from nanoseek.train.optim import lr_factor
from nanoseek.train.pretrain import PretrainConfig, pretrain
from nanoseek.train.runstate import latest_checkpoint, load_checkpoint, save_checkpoint

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """Shards of ~300 KB of the embedded corpus with a 512-token BPE (a few seconds)."""
    d = tmp_path_factory.mktemp("data")
    text = "".join(itertools.islice(default_corpus(), 3))[:300_000]
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    src = d / "corpus.jsonl"
    src.write_text("".join(json.dumps({"text": p}) + "\n" for p in paragraphs))
    build(d, vocab_size=512, paths=[src], val_fraction=0.05)
    return d


def config(data, out, **kw):
    base = dict(data=str(data), out=str(out), preset="smoke", steps=8, batch_size=4, seq_len=64, warmup=2,
                eval_every=4, eval_batches=2, ckpt_every=3, progress=False, tensorboard=False)
    base.update(kw)
    return PretrainConfig(**base)


def losses(run):
    return {r["step"]: r["loss"] for r in read_metrics(run)}


def test_resume_after_sigterm_is_exact(data, tmp_path):
    pretrain(config(data, tmp_path / "straight"))
    # the same run in a child process, stopped by SIGTERM part-way
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = ("import sys; from nanoseek.train.pretrain import PretrainConfig, pretrain; "
            f"pretrain(PretrainConfig(**{vars(config(data, tmp_path / 'cut'))!r}))")
    child = subprocess.Popen([sys.executable, "-c", code], env=env)
    metrics = tmp_path / "cut" / "metrics.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and (not metrics.exists() or len(metrics.read_text().splitlines()) < 2):
        time.sleep(0.05)
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=120) == 0
    stopped_at = torch.load(tmp_path / "cut" / "checkpoint" / "trainer_state.pt", weights_only=True)["step"]
    assert 2 <= stopped_at < 8  # SIGTERM wrote a checkpoint mid-run and the process exited
    assert not (tmp_path / "cut" / "final").exists()
    summary = pretrain(config(data, tmp_path / "cut", resume=True))
    assert summary["finished"] and summary["step"] == 8
    assert losses(tmp_path / "cut") == losses(tmp_path / "straight")  # bit-for-bit the same losses
    a = nanoseek.load(tmp_path / "straight" / "final", device="cpu").state_dict()
    b = nanoseek.load(tmp_path / "cut" / "final", device="cpu").state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_checkpoint_is_a_loadable_release_with_tokenizer(data, tmp_path):
    pretrain(config(data, tmp_path, steps=3))
    ckpt = latest_checkpoint(tmp_path)
    assert {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json",
            "trainer_state.pt"} <= {p.name for p in ckpt.iterdir()}
    model, state = load_checkpoint(ckpt, "cpu")
    assert state["step"] == 3 and state["tokens"] == 3 * 4 * 64
    assert model.layers[1].mlp.gate.e_score_correction_bias.abs().sum() > 0  # the bias updates are saved


def test_corrupt_checkpoint_gives_a_clear_error_and_keeps_files(data, tmp_path):
    pretrain(config(data, tmp_path, steps=3))
    state = tmp_path / "checkpoint" / "trainer_state.pt"
    state.write_bytes(state.read_bytes()[:100])
    before = {p: p.read_bytes() for p in (tmp_path / "checkpoint").iterdir()}
    with pytest.raises(CheckpointError, match="trainer_state.pt is unreadable"):
        pretrain(config(data, tmp_path, steps=6, resume=True))
    assert {p: p.read_bytes() for p in (tmp_path / "checkpoint").iterdir()} == before
    with pytest.raises(CheckpointError, match="no checkpoint to resume from"):
        pretrain(config(data, tmp_path / "empty", resume=True))


def test_a_failed_save_leaves_the_last_good_checkpoint(tmp_path, monkeypatch):
    """A full disk during a checkpoint write (torch.save failing): the previous checkpoint stays, and says so."""
    from helpers import random_model, small_config

    save_checkpoint(tmp_path, random_model(small_config()), {"step": 3})
    model, state = load_checkpoint(latest_checkpoint(tmp_path), "cpu")

    def crash(*a, **k):  # what torch.save raises when the disk is full
        raise RuntimeError("[enforce fail at inline_container.cc:664] . unexpected pos 1024 vs 512: No space left")

    monkeypatch.setattr(torch, "save", crash)
    with pytest.raises(OSError,
                       match=r"failed \(RuntimeError: .*No space left\); the previous checkpoint .* is intact"):
        save_checkpoint(tmp_path, model, {**state, "step": 99})
    monkeypatch.undo()
    _, kept = load_checkpoint(latest_checkpoint(tmp_path), "cpu")
    assert kept["step"] == 3
    assert not list(tmp_path.glob(".checkpoint.tmp-*"))  # the half-written directory is gone


def test_a_killed_writers_temporary_directory_is_removed_on_save_and_resume(tmp_path):
    from helpers import random_model, small_config

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale, alive = tmp_path / f".checkpoint.tmp-{dead.pid}", tmp_path / f".checkpoint.tmp-{os.getppid()}"

    def leave_behind():  # what a SIGKILL during a write leaves; the second writer's process still runs
        for d in (stale, alive):
            d.mkdir(exist_ok=True)
            (d / "model.safetensors").write_bytes(b"half")

    leave_behind()
    save_checkpoint(tmp_path, random_model(small_config()), {"step": 1})
    assert not stale.exists() and alive.exists()
    leave_behind()
    assert latest_checkpoint(tmp_path) == tmp_path / "checkpoint"
    assert not stale.exists() and alive.exists()


def test_interrupted_between_renames_resumes_from_the_moved_aside_copy(data, tmp_path):
    pretrain(config(data, tmp_path, steps=3))
    (tmp_path / "checkpoint").rename(tmp_path / "checkpoint.old")
    assert latest_checkpoint(tmp_path).name == "checkpoint.old"


def test_lr_schedules():
    assert lr_factor(0, 100, 10) == pytest.approx(0.1)
    assert lr_factor(9, 100, 10) == pytest.approx(1.0)
    assert lr_factor(99, 100, 10, min_ratio=0.1) == pytest.approx(0.1, abs=1e-3)
    wsd = [lr_factor(s, 100, 10, "wsd", 0.1) for s in range(100)]
    assert wsd[10:79] == [1.0] * 69 and wsd[80] < 1.0 and wsd[99] == pytest.approx(0.1)
    with pytest.raises(ValueError, match="unknown schedule"):
        lr_factor(50, 100, 10, "linear")


@pytest.mark.parametrize("scale", [1e-3, 1e3])  # gradient norms below and above the limit
def test_clip_grad_norm_matches_torch(scale):
    from helpers import random_model, small_config

    from nanoseek.train.distributed import clip_grad_norm

    models = [random_model(small_config()) for _ in range(2)]
    models[1].load_state_dict(models[0].state_dict())
    ids = torch.randint(0, 100, (2, 12))
    for m in models:
        (m(ids).square().mean() * scale).backward()
    want = float(torch.nn.utils.clip_grad_norm_(models[0].parameters(), 1.0))
    assert clip_grad_norm(models[1], 1.0) == pytest.approx(want, rel=1e-6)
    for a, b in zip(models[0].parameters(), models[1].parameters()):
        assert (a.grad is None and b.grad is None) or torch.equal(a.grad, b.grad)


def test_vocab_mismatch_is_refused(data, tmp_path):
    other = tmp_path / "init"
    nanoseek.save(nanoseek.Transformer(nanoseek.get_preset("smoke").replace(vocab_size=999)), other)
    with pytest.raises(ValueError, match="vocab_size is 999"):
        pretrain(config(data, tmp_path / "run", init=str(other)))


@pytest.mark.slow
def test_smoke_pretraining_learns_well_below_unigram_entropy(data, tmp_path):
    summary = pretrain(config(data, tmp_path, steps=150, batch_size=8, seq_len=64, lr=3e-3, warmup=10,
                              eval_every=150, eval_batches=8, ckpt_every=150, tensorboard=True))
    entropy = unigram_entropy(tokens(data, "train"))
    assert summary["val_loss"] < entropy - 0.5, (summary["val_loss"], entropy)
    assert (tmp_path / "tb").is_dir() and (tmp_path / "final" / "tokenizer.json").exists()
    from nanoseek.train.report import write_report
    report = write_report(tmp_path, summary).read_text()
    assert "MFU" in report and "DeepSeek-V3 scale" in report and (tmp_path / "loss.png").stat().st_size > 1000


def test_fp8_flag_trains_with_fp8_gemms_and_writes_a_plain_release(data, tmp_path):
    plain = pretrain(config(data, tmp_path / "bf16", steps=4, dtype="bf16", eval_every=4))
    fp8 = pretrain(config(data, tmp_path / "fp8", steps=4, dtype="bf16", eval_every=4, fp8=True))
    a, b = losses(tmp_path / "bf16"), losses(tmp_path / "fp8")
    # the same data and start, FP8-rounded GEMMs: other losses (at the first step, near log(vocab), bf16 rounding can
    # hide the difference), all close
    assert a != b and all(abs(a[k] - b[k]) < 0.02 * a[k] for k in a)
    assert abs(fp8["val_loss"] - plain["val_loss"]) < 0.05 * plain["val_loss"]
    release = nanoseek.load(tmp_path / "fp8" / "final")
    assert type(release.layers[0].self_attn.o_proj) is torch.nn.Linear  # the release is an ordinary checkpoint


def test_muon_option_trains_and_resumes_exactly(data, tmp_path):
    import shutil

    # WSD: the learning rate of the first 4 steps does not depend on the run's length, so a 3-step run's last
    # checkpoint is the 6-step run's state at step 3
    kw = dict(optimizer="muon", schedule="wsd")
    pretrain(config(data, tmp_path / "adamw", steps=6, schedule="wsd"))
    pretrain(config(data, tmp_path / "muon", steps=6, **kw))
    state = torch.load(tmp_path / "muon" / "checkpoint" / "trainer_state.pt", weights_only=True)
    assert state["step"] == 6 and set(state["optimizer"]) == {"muon", "adamw"}
    assert state["optimizer"]["muon"]["state"]  # Muon's momentum buffers were saved
    muon = losses(tmp_path / "muon")
    assert muon != losses(tmp_path / "adamw") and muon[6] < muon[1]
    pretrain(config(data, tmp_path / "cut", steps=3, **kw))
    assert losses(tmp_path / "cut") == {k: v for k, v in muon.items() if k <= 3}
    shutil.rmtree(tmp_path / "cut" / "final")
    with pytest.raises(ValueError, match="trained with muon"):
        pretrain(config(data, tmp_path / "cut", steps=6, schedule="wsd", resume=True))  # AdamW can't take it
    pretrain(config(data, tmp_path / "cut", steps=6, resume=True, **kw))
    assert losses(tmp_path / "cut") == muon  # resumed at step 3: bit for bit the straight run
    a = nanoseek.load(tmp_path / "muon" / "final", device="cpu").state_dict()
    b = nanoseek.load(tmp_path / "cut" / "final", device="cpu").state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)


def _train_child(tc, slow_writes: bool = False) -> None:
    """A forked training process (one thread: GNU OpenMP's pool does not survive fork). slow_writes holds
    every checkpoint write open for 0.3 s between the weights and the trainer state, so that a SIGKILL can
    land in the middle of one on purpose."""
    import nanoseek.train.runstate as runstate

    torch.set_num_threads(1)
    if slow_writes:
        save = runstate.save
        runstate.save = lambda *a, **k: (save(*a, **k), time.sleep(0.3))[0]
    pretrain(tc)


def _lines(path: Path) -> int:
    return len(path.read_text().splitlines()) if path.exists() else 0


def test_sigkill_at_random_moments_always_resumes_from_a_good_checkpoint(data, tmp_path, monkeypatch):
    """6 SIGKILLs (4 at random moments after a step, 2 in the middle of a checkpoint write), each followed by a
    check that the checkpoint on disk loads and is no older than the one before; the run then finishes with
    exactly the weights of a run never killed, and no temporary directory is left behind."""
    import multiprocessing
    import random

    import nanoseek.train.pretrain as pretrain_module

    # no matmul-peak measurement at each of the 8 starts (seconds each): a fixed fp32 peak, in the forks too
    monkeypatch.setattr(pretrain_module, "choose_dtype",
                        lambda dtype, device: ("fp32", {"fp32": 1e11, "bf16": 1e11}, 1.0))
    kw = dict(steps=24, ckpt_every=2, eval_every=1000, eval_batches=1)
    ctx = multiprocessing.get_context("fork")  # no re-import of torch per start
    straight = ctx.Process(target=_train_child, args=(config(data, tmp_path / "straight", **kw),))
    straight.start()
    straight.join(timeout=300)
    assert straight.exitcode == 0
    run, rng = tmp_path / "killed", random.Random(16)
    good, kills = 0, []
    while True:
        resume = (run / "checkpoint" / "trainer_state.pt").exists() or (run / "checkpoint.old").exists()
        mid_write = len(kills) in (2, 4)
        logged = _lines(run / "metrics.jsonl")
        child = ctx.Process(target=_train_child, args=(config(data, run, resume=resume, **kw), mid_write))
        child.start()
        if len(kills) == 6:
            child.join(timeout=300)
            assert child.exitcode == 0
            break
        deadline = time.monotonic() + 120
        if mid_write:  # the weights are written, the trainer state is not yet
            tmp = run / f".checkpoint.tmp-{child.pid}"
            while not (tmp / "model.safetensors").exists() and time.monotonic() < deadline:
                time.sleep(0.002)
        else:  # a random moment after the child's first step
            while _lines(run / "metrics.jsonl") <= logged and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.join(timeout=30)
        assert child.exitcode == -signal.SIGKILL, "the run ended before it could be killed"
        if resume or (run / "checkpoint" / "trainer_state.pt").exists() or (run / "checkpoint.old").exists():
            model, state = load_checkpoint(latest_checkpoint(run), "cpu")  # loads: weights, optimizer, data
            assert state["step"] >= good and state["step"] % 2 == 0
            good = state["step"]
        kills.append(good)
    print(f"SIGKILLed 6 times; after each kill the checkpoint on disk was at step {kills}")
    assert len(set(kills)) > 2  # the kills landed at different points of the run
    a = nanoseek.load(tmp_path / "straight" / "final", device="cpu").state_dict()
    b = nanoseek.load(run / "final", device="cpu").state_dict()
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert not list(run.glob(".checkpoint.tmp-*"))
