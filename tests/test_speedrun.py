"""The main job end to end at toy scale: every stage runs, the report holds what it promises, and a
second run with --resume keeps the finished stages instead of training again."""

import json

import pytest

from nanoseek.train.speedrun import SpeedrunConfig, speedrun


@pytest.mark.slow
def test_speedrun_all_stages_then_resume_keeps_them(tmp_path, one_thread):
    cfg = SpeedrunConfig(out=str(tmp_path), preset="smoke", vocab_size=320, task_documents=40, steps=4,
                         batch_size=4, seq_len=64, sample_tokens=8, sft_tasks="arithmetic,chain_sum", sft_steps=4,
                         grpo_task="arithmetic", grpo_difficulty=None, grpo_steps=2, grpo_prompts=2, grpo_group=2,
                         max_tokens=12, eval_problems=4,
                         eval_samples=2, dtype="fp32")
    summary = speedrun(cfg)
    assert summary["step"] == 4 and set(summary["evals"]) == {"after SFT", "after GRPO"}
    for stage in ("pretrain", "sft", "grpo"):
        assert (tmp_path / stage / "final" / "model.safetensors").exists()
    after = json.loads((tmp_path / "grpo" / "final" / "eval.json").read_text())
    assert set(after) == {"arithmetic", "chain_sum", "validation"}
    assert {"pass@1", "mean@2", "pass@2", "format_error"} <= set(after["arithmetic"])
    assert after["validation"]["perplexity"] > 1
    report = (tmp_path / "report.md").read_text()
    assert "| arithmetic (RL task) | mean@2 |" in report and "| validation text | perplexity |" in report
    assert "](pretrain/loss.png)" in report and "](rl.png)" in report and (tmp_path / "rl.png").stat().st_size
    grpo_lines = (tmp_path / "grpo" / "metrics.jsonl").read_text().splitlines()
    assert len(grpo_lines) == 2 and "reward" in json.loads(grpo_lines[0])

    # resuming a finished run trains nothing again: same weights file, same metrics, same report figures
    weights = tmp_path / "sft" / "final" / "model.safetensors"
    stamp = weights.stat().st_mtime_ns
    again = speedrun(SpeedrunConfig(**{**cfg.__dict__, "resume": True}))
    assert weights.stat().st_mtime_ns == stamp
    assert (tmp_path / "grpo" / "metrics.jsonl").read_text().splitlines() == grpo_lines
    assert again["evals"] == summary["evals"]
