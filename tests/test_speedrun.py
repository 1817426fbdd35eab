"""The main job end to end at toy scale: every stage runs, the report holds what it promises, and a
second run with --resume keeps the finished stages instead of training again."""

import json

import pytest

from nanoseek.train.speedrun import SpeedrunConfig, speedrun


@pytest.mark.slow
def test_speedrun_all_stages_then_resume_keeps_them(tmp_path, one_thread):
    cfg = SpeedrunConfig(out=str(tmp_path), preset="smoke", vocab_size=320, task_documents=40, steps=4,
                         batch_size=4, seq_len=64, sample_tokens=8, sft_tasks="arithmetic,chain_sum", sft_steps=4,
                         sft_tool_steps=2, grpo_task="arithmetic", grpo_difficulty=None, grpo_steps=2, grpo_prompts=2,
                         grpo_group=2, max_tokens=12, eval_problems=4,
                         eval_samples=2, dtype="fp32")
    summary = speedrun(cfg)
    assert summary["step"] == 4 and set(summary["evals"]) == {"after SFT", "after GRPO"}
    for stage in ("pretrain", "sft", "sft-tools", "grpo"):
        assert (tmp_path / stage / "final" / "model.safetensors").exists()
    # the tool-use phase trains on from SFT, and RL starts from it
    tools = json.loads((tmp_path / "sft-tools" / "train_config.json").read_text())
    assert (tools["init"], tools["steps"]) == (str(tmp_path / "sft" / "final"), 2)
    grpo_init = json.loads((tmp_path / "grpo" / "train_config.json").read_text())["init"]
    assert grpo_init == str(tmp_path / "sft-tools" / "final")
    after = json.loads((tmp_path / "grpo" / "final" / "eval.json").read_text())
    assert set(after) == {"arithmetic", "chain_sum", "validation"}
    assert {"pass@1", "mean@2", "pass@2", "format_error", "pass@1 (tools)", "tool_calls"} <= set(after["arithmetic"])
    assert after["validation"]["perplexity"] > 1
    report = (tmp_path / "report.md").read_text()
    assert "| arithmetic (RL task) | mean@2 |" in report and "| validation text | perplexity |" in report
    assert "| chain_sum | greedy (tools) |" in report and "| chain_sum | greedy |" in report
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


@pytest.mark.slow
def test_fim_baseline_pretrains_without_fim_on_the_same_documents_and_reports_both(tmp_path, one_thread):
    cfg = SpeedrunConfig(out=str(tmp_path), preset="smoke", vocab_size=320, task_documents=40, steps=3,
                         batch_size=2, seq_len=32, sample_tokens=4, sft_tasks="chain_sum", sft_steps=0,
                         grpo_task="chain_sum", max_tokens=8, eval_problems=3, dtype="fp32", fim_rate=0.5,
                         fim_baseline=True)
    speedrun(cfg)
    with_fim, without = (json.loads((tmp_path / d / "manifest.json").read_text()) for d in ("data", "data-nofim"))
    assert (with_fim["fim_rate"], without["fim_rate"]) == (0.5, 0.0)
    assert with_fim["tokenizer_sha256"] == without["tokenizer_sha256"]
    assert with_fim["splits"]["val"] == without["splits"]["val"]  # the same plain validation text
    assert with_fim["splits"]["train"]["documents"] == without["splits"]["train"]["documents"]
    assert with_fim["splits"]["train"]["tokens"] > without["splits"]["train"]["tokens"]  # the FIM tokens
    for run in ("pretrain", "pretrain-nofim"):
        assert json.loads((tmp_path / run / "summary.json").read_text())["step"] == 3
    fim = json.loads((tmp_path / "fim.json").read_text())
    assert set(fim["with FIM"]) == set(fim["without FIM"]) == {"chain_sum", "val_loss", "copy"}
    for k in ("with FIM", "without FIM"):
        scores = fim[k]["chain_sum"]
        assert set(scores) == {"fim_exact", "prefix_exact", "fim_nll", "prefix_nll"}
        assert 0 <= scores["fim_exact"] <= 1 and scores["fim_nll"] > 0 and scores["prefix_nll"] > 0
        assert fim[k]["copy"]["copy_first_nll"] > 0 and fim[k]["copy"]["copy_second_nll"] > 0
    report = (tmp_path / "report.md").read_text()
    assert "## Fill-in-the-middle: pretrained with and without FIM" in report and "| chain_sum, exact | " in report
    assert "| chain_sum, nll | " in report and "In-context copying (`evaluate_copy`" in report
    with pytest.raises(ValueError, match="--fim-rate > 0"):
        speedrun(SpeedrunConfig(**{**cfg.__dict__, "fim_rate": 0.0}))
