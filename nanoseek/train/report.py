"""The run report: loss curves (PNG), throughput, MFU and what the run cost, DeepSeek-report style.

DeepSeek-V3's headline figure was the cost of its final run: 2.788M H800 GPU-hours at $2 per GPU-hour,
about $5.576M for 14.8T tokens. report.md gives the same figure for this run, at a stated hourly price,
and what the same token budget would have cost at DeepSeek-V3's size and rate.
"""

from __future__ import annotations

import math
from datetime import datetime, timezone
from pathlib import Path

from ..config import human
from .flops import BUSY_SHARE, machine
from .metrics import read_metrics

GPU_HOUR_PRICE = 2.0  # $ per GPU-hour: DeepSeek-V3 report's rental price for an H800
CPU_HOUR_PRICE = 0.10  # $ per hour for a 2-vCPU cloud machine on demand (typical 2025 list prices)
V3_GPU_HOURS, V3_TOKENS = 2.788e6, 14.8e12  # DeepSeek-V3 final run


def run_cost(summary: dict, hour_price: float | None = None) -> dict:
    """Dollars for this run's training time, and for its token budget at DeepSeek-V3's size and rate."""
    gpu = summary["device"].startswith("cuda")
    price = hour_price if hour_price is not None else (GPU_HOUR_PRICE if gpu else CPU_HOUR_PRICE)
    hours = summary["train_time"] / 3600 * (summary.get("world_size", 1) if gpu else 1)  # GPU-hours of all ranks
    return {
        "hour_price": price, "unit": "GPU-hour" if gpu else "machine-hour (2 CPU cores)", "hours": hours,
        "dollars": hours * price,
        "v3_gpu_hours": summary["tokens"] * V3_GPU_HOURS / V3_TOKENS,
        "v3_dollars": summary["tokens"] * V3_GPU_HOURS / V3_TOKENS * GPU_HOUR_PRICE,
    }


def plot_losses(records: list[dict], path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4))
    steps = [r["step"] for r in records if "loss" in r]
    ax.plot(steps, [r["loss"] for r in records if "loss" in r], label="train (next token)", lw=1)
    mtp = [(r["step"], r["mtp_loss"]) for r in records if r.get("mtp_loss")]
    if mtp:
        ax.plot(*zip(*mtp), label="train (MTP, token after next)", lw=1, alpha=0.7)
    val = [(r["step"], r["val_loss"]) for r in records if "val_loss" in r]
    if val:
        ax.plot(*zip(*val), "o-", label="validation", ms=3)
    ax.set_xlabel("step")
    ax.set_ylabel("loss (nats/token)")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def plot_rl(records: list[dict], path: Path) -> None:
    """GRPO's curves: mean reward and accuracy of the rollouts, and their mean response length, per step."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = [r["step"] for r in records if "reward" in r]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.6))
    for key in ("reward", "accuracy"):
        ax1.plot(steps, [r[key] for r in records if "reward" in r], label=key, lw=1)
    ax1.set_ylabel("rollouts' mean")
    ax2.plot(steps, [r["response_length"] for r in records if "reward" in r], lw=1, color="tab:green")
    ax2.set_ylabel("response length (tokens)")
    for ax in (ax1, ax2):
        ax.set_xlabel("GRPO step")
        ax.grid(alpha=0.3)
    ax1.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_report(run_dir: str | Path, summary: dict, hour_price: float | None = None,
                 extra_sections: list[str] = ()) -> Path:
    run_dir = Path(run_dir)
    records = read_metrics(run_dir)
    plot_losses(records, run_dir / "loss.png")
    cost = run_cost(summary, hour_price)
    flops = summary["flops_per_token"] * summary["tokens"]
    achieved = flops / summary["train_time"] if summary["train_time"] else 0.0
    p = summary["params"]
    tail = [r for r in records if "tokens_per_s" in r][-20:]
    ranks = f" x {summary['world_size']} processes" if summary.get("world_size", 1) > 1 else ""
    lines = [
        f"# nanoseek run report: {run_dir.name}",
        "",
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC} · {machine(summary['device'])} · "
        f"device {summary['device']}{ranks} · {summary['dtype']}",
        "",
        "![losses](loss.png)",
        "",
        "| | |", "|---|---|",
        f"| model | preset `{summary['preset']}`: {human(p['total'])} parameters, {human(p['active'])} activated "
        f"per token, + {human(p['mtp'])} MTP |",
        f"| steps / tokens seen | {summary['step']} / {human(summary['tokens'])} |",
        f"| final train loss | {tail[-1]['loss']:.3f} nats/token |" if tail else "| final train loss | - |",
    ]
    if "val_loss" in summary:
        lines.append(f"| validation loss / perplexity / bits per byte | {summary['val_loss']:.3f} / "
                     f"{math.exp(summary['val_loss']):.2f} / {summary['val_bpb']:.3f} |")
    if "unigram_entropy" in summary:
        lines.append(f"| unigram entropy of the corpus | {summary['unigram_entropy']:.3f} nats/token |")
    lines += [
        f"| training time / wall time | {summary['train_time'] / 60:.1f} min / {summary['wall_time'] / 60:.1f} min |",
        f"| throughput (last steps) | {sum(r['tokens_per_s'] for r in tail) / max(1, len(tail)):,.0f} tokens/s |",
        f"| training FLOPs | {flops:.3g} ({summary['flops_per_token']:.3g} per token, forward + backward) |",
        f"| achieved | {achieved / 1e9:.1f} GFLOP/s; MFU {achieved / summary['peak_flops']:.1%} of the "
        f"{summary['peak_flops'] / 1e9:.0f} GFLOP/s {summary['dtype']} matmul peak measured at start-up |",
        *([f"| warning | the matmul peak was measured while other processes held "
           f"{1 - summary['peak_cpu_share']:.0%} of the cores' time: MFU is unreliable; measure on a quiet machine |"]
          if summary.get("peak_cpu_share", 1.0) < BUSY_SHARE else []),
        f"| cost of this run | ${cost['dollars']:.4f} ({cost['hours']:.3f} h at ${cost['hour_price']:.2f} per "
        f"{cost['unit']}) |",
        f"| same tokens at DeepSeek-V3 scale | {cost['v3_gpu_hours']:.3g} H800 GPU-hours, ${cost['v3_dollars']:.2f} "
        f"(V3: {V3_GPU_HOURS / 1e6:.3f}M GPU-hours for {V3_TOKENS / 1e12:.1f}T tokens, $5.576M) |",
        "",
    ]
    lines += list(extra_sections)
    path = run_dir / "report.md"
    path.write_text("\n".join(lines) + "\n")
    return path
