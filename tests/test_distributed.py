"""Distributed training on CPU with gloo: two processes under torchrun against one process, same global batch.

Each torchrun costs seconds of start-up (every rank imports torch and measures its matmul peak), so one run
checks several things. Run as a script under torchrun, this file is the expert-parallel worker.
"""

import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch
from helpers import random_model, small_config

import nanoseek
from nanoseek.cli import main
from nanoseek.data import build
from nanoseek.data.sources import default_corpus
from nanoseek.train.expert_parallel import shard_experts
from nanoseek.train.metrics import read_metrics
from nanoseek.train.pretrain import PretrainConfig, pretrain
from nanoseek.train.runstate import load_for_training

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
SETTINGS = dict(preset="smoke", steps=8, seq_len=64, warmup=2, eval_every=4, eval_batches=2, ckpt_every=3,
                dtype="fp32", progress=False, tensorboard=False)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("data")
    text = "".join(itertools.islice(default_corpus(), 3))[:200_000]
    src = d / "corpus.jsonl"
    src.write_text("".join(json.dumps({"text": p}) + "\n" for p in text.split("\n\n") if p.strip()))
    build(d, vocab_size=512, paths=[src], val_fraction=0.05)
    return d


@pytest.fixture(scope="module")
def straight(data, tmp_path_factory):
    """One process, batch 4: the reference for two ranks of batch 2."""
    out = tmp_path_factory.mktemp("straight")
    pretrain(PretrainConfig(data=str(data), out=str(out), batch_size=4, **SETTINGS))
    return out


def torchrun(*args: str) -> list[str]:
    return [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2", *args]


def pretrain_cli(data, out, **changes) -> list[str]:
    flags = []
    for k, v in {**SETTINGS, "data": data, "out": out, **changes}.items():
        flag = "--" + k.replace("_", "-")
        flags += ([flag if v else "--no-" + flag[2:]] if isinstance(v, bool) else [flag, str(v)])
    return ["-m", "nanoseek", "pretrain", *flags]


def run_ok(cmd: list[str]) -> None:
    done = subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[:3000] + "\n...\n" + done.stderr[-5000:]


def losses(run) -> dict[int, float]:
    return {r["step"]: r["loss"] for r in read_metrics(run)}


def assert_same_losses(run, reference) -> None:
    got, want = losses(run), losses(reference)
    assert got == pytest.approx({k: want[k] for k in got}, rel=1e-5, abs=1e-6)


def start(cmd: list[str], log: Path) -> subprocess.Popen:
    with log.open("w") as f:  # a file, not a pipe: nobody reads it while the run goes on
        return subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=f)


def kill_after_step(proc: subprocess.Popen, run: Path, step: int, log: Path, rank: int | None = None) -> None:
    """SIGKILL the process (or, under torchrun, the worker with RANK=rank) once `step` is in the log."""
    deadline = time.time() + 240
    while len(read_metrics(run)) < step:
        assert proc.poll() is None and time.time() < deadline, log.read_text()[-4000:]
        time.sleep(0.02)
    pid = proc.pid
    if rank is not None:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pid = next(int(c) for c in children
                   if f"RANK={rank}".encode() in Path(f"/proc/{c}/environ").read_bytes().split(b"\0"))
    os.kill(pid, signal.SIGKILL)
    assert proc.wait(timeout=120) != 0


def assert_complete_dcp_checkpoint(run: Path) -> None:
    ckpt = run / "checkpoint"
    assert (ckpt / ".metadata").exists() and (ckpt / "config.json").exists()
    assert torch.load(ckpt / "trainer_state.pt", weights_only=True)["step"] in (3, 6)
    assert not (run / "final").exists()


def assert_same_weights(a, b, atol=1e-5) -> None:
    sa, sb = nanoseek.load(a, device="cpu").state_dict(), nanoseek.load(b, device="cpu").state_dict()
    assert sa.keys() == sb.keys()
    for k in sa:
        torch.testing.assert_close(sa[k], sb[k], atol=atol, rtol=0, msg=k)


@pytest.fixture(scope="module")
def killed(data, tmp_path_factory):
    """Two ranks of batch 2, rank 1 killed by SIGKILL after step 4: the run directory as the kill left it."""
    if not sys.platform.startswith("linux"):
        pytest.skip("finds torchrun's workers through /proc")
    run = tmp_path_factory.mktemp("killed") / "run"
    log = run.parent / "log"
    kill_after_step(start(torchrun(*pretrain_cli(data, run, batch_size=2)), log), run, 4, log, rank=1)
    return run


def test_two_ranks_match_one_process_and_resume_after_a_killed_rank(data, straight, killed, tmp_path):
    assert_complete_dcp_checkpoint(killed)  # the kill landed after step 4: the checkpoint of step 3 or 6 is whole
    run = tmp_path / "run"
    shutil.copytree(killed, run)
    run_ok(torchrun(*pretrain_cli(data, run, batch_size=2, resume=True)))  # the job resumes on two ranks
    assert sorted(losses(run)) == list(range(1, 9))
    assert_same_losses(run, straight)  # data parallel = one process on the same global batch
    assert_same_weights(run / "final", straight / "final")
    records = read_metrics(run)
    assert records[-1]["tokens"] == 8 * 4 * 64 and len(records[-1]["expert_imbalance_per_rank"]) == 2
    assert "val_loss" in records[-1]
    # the final checkpoint converts to the single-file release format and holds the final weights
    main(["convert", "--from-dcp", str(run / "checkpoint"), "--out", str(tmp_path / "release")])
    assert_same_weights(tmp_path / "release", run / "final", atol=0)
    assert (tmp_path / "release" / "tokenizer.json").exists()


@pytest.mark.slow
def test_a_dcp_checkpoint_of_two_ranks_resumes_in_one_process(data, straight, killed, tmp_path):
    shutil.copytree(killed, tmp_path / "run")
    pretrain(PretrainConfig(data=str(data), out=str(tmp_path / "run"), batch_size=4, resume=True, **SETTINGS))
    assert_same_losses(tmp_path / "run", straight)
    assert_same_weights(tmp_path / "run" / "final", straight / "final")


@pytest.mark.slow
def test_a_dcp_checkpoint_of_one_process_resumes_on_two_ranks(data, straight, tmp_path):
    run, log = tmp_path / "run", tmp_path / "log"
    kill_after_step(start([sys.executable, *pretrain_cli(data, run, batch_size=4, dcp=True)], log), run, 4, log)
    assert_complete_dcp_checkpoint(run)
    run_ok(torchrun(*pretrain_cli(data, run, batch_size=2, resume=True, expert_parallel=True)))
    assert_same_losses(run, straight)
    assert_same_weights(run / "final", straight / "final")
    assert "rank_load_imbalance" in read_metrics(run)[-1]


@pytest.mark.slow
def test_a_single_process_checkpoint_resumes_on_two_ranks(data, straight, tmp_path):
    """The plain format (safetensors + trainer_state.pt with the optimizer) continues at world size 2."""
    for name in ("one", "two"):
        shutil.copytree(straight, tmp_path / name)
    more = {**SETTINGS, "steps": 10}
    pretrain(PretrainConfig(data=str(data), out=str(tmp_path / "one"), batch_size=4, resume=True, **more))
    run_ok(torchrun(*pretrain_cli(data, tmp_path / "two", batch_size=2, resume=True, steps=10)))
    assert sorted(losses(tmp_path / "two")) == list(range(1, 11))
    assert_same_losses(tmp_path / "two", tmp_path / "one")
    assert_same_weights(tmp_path / "two" / "final", tmp_path / "one" / "final")


def test_release_to_dcp_and_back_is_lossless(straight, tmp_path):
    main(["convert", "--to-dcp", str(straight / "final"), "--out", str(tmp_path / "dcp")])
    assert (tmp_path / "dcp" / ".metadata").exists() and (tmp_path / "dcp" / "tokenizer.json").exists()
    release = nanoseek.load(straight / "final", device="cpu").state_dict()
    from_dcp = load_for_training(tmp_path / "dcp", "cpu").state_dict()  # what --init does with a DCP directory
    assert all(torch.equal(release[k], from_dcp[k]) for k in release)
    main(["convert", "--from-dcp", str(tmp_path / "dcp"), "--out", str(tmp_path / "back")])
    assert_same_weights(tmp_path / "back", straight / "final", atol=0)
    with pytest.raises(nanoseek.CheckpointError, match="is not a DCP checkpoint"):
        main(["convert", "--from-dcp", str(straight / "final"), "--out", str(tmp_path / "wrong")])


def test_expert_parallel_forward_and_backward_equal_one_process():
    run_ok(torchrun(__file__))


def test_expert_parallel_needs_a_world_size_that_divides_the_experts():
    with pytest.raises(ValueError, match="splits the 8 routed experts evenly across ranks, but the world size is 3"):
        shard_experts(random_model(small_config()), SimpleNamespace(size=lambda: 3))


def expert_parallel_worker() -> None:
    """Under torchrun: FSDP2 + expert parallelism vs the same model in this process, on every rank's batch."""
    from nanoseek.train.distributed import distributed, parallelize, reduce_expert_load

    with distributed(torch.device("cpu")) as world:
        W, cfg = world.size, small_config()
        ref = random_model(cfg).train()
        model = parallelize(random_model(cfg).train(), world, "fp32", expert_parallel=True)
        experts = model.layers[1].mlp.experts
        assert experts.gate_up_proj.to_local().shape[0] == cfg.n_routed_experts // W  # this rank's experts only
        batches = torch.randint(0, cfg.vocab_size, (W, 3, 16), generator=torch.Generator().manual_seed(1))
        x = batches[world.rank]
        out = model.compute_loss(x[:, :-1], x[:, 1:])
        out.loss.backward()
        ref_outs = [ref.compute_loss(b[:, :-1], b[:, 1:]) for b in batches]
        torch.testing.assert_close(out.loss, ref_outs[world.rank].loss)
        (sum(o.loss for o in ref_outs) / W).backward()  # the loss of the global batch
        ref_params = dict(ref.named_parameters())
        for name, p in model.named_parameters():
            torch.testing.assert_close(p.grad.full_tensor(), ref_params[name].grad, rtol=1e-4, atol=1e-6,
                                       msg=name)
        reduce_expert_load(model, world)  # every rank now holds the load of the global batch
        model.update_expert_bias(0.01)
        ref.update_expert_bias(0.01)
        for got, want in zip(model.moe_layers(), ref.moe_layers()):
            assert torch.equal(got.gate.e_score_correction_bias, want.gate.e_score_correction_bias)
        model.eval()
        ref.eval()
        with torch.no_grad():
            torch.testing.assert_close(model(x), ref(x))


if __name__ == "__main__":
    expert_parallel_worker()
